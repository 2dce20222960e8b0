import { Writable } from 'node:stream';
import { Zip, ZipPassThrough } from 'fflate';
import yauzl from 'yauzl';

/**
 * A zip written to a file as its entries come: each entry is a stream a PDF is piped into,
 * stored as it is (a PDF's pages are compressed already). Entries go one after the other; an
 * entry waits for the file to take its bytes, so that the zip is never held in memory.
 */
export function openZipWriter(file: Writable) {
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      file.destroy(error);
      return;
    }
    file.write(chunk);
    if (final) file.end();
  });

  function entry(name: string): Writable {
    const item = new ZipPassThrough(name);
    zip.add(item);
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        // Destroyed without an error: the run was cancelled and stops at its next letter.
        if (file.errored || file.destroyed) {
          done(file.errored);
          return;
        }
        item.push(chunk);
        if (!file.writableNeedDrain) {
          done();
          return;
        }
        // A full disk errors the file instead of draining it: the entry fails with it.
        const settle = () => {
          file.off('drain', settle);
          file.off('error', settle);
          file.off('close', settle);
          done(file.errored);
        };
        file.once('drain', settle);
        file.once('error', settle);
        file.once('close', settle);
      },
      final(done) {
        item.push(new Uint8Array(0), true);
        done();
      },
    });
    // Its failure is the file's, which the run waits on and reports.
    stream.on('error', () => undefined);
    return stream;
  }

  return { entry, end: () => zip.end() };
}

/** One entry of a zip this process wrote, as a stream (one division's PDF of a split batch). */
export async function openZipEntry(path: string, name: string) {
  const zip = await yauzl.openPromise(path, { autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      const stream = await zip.openReadStreamPromise(entry);
      stream.once('close', () => zip.close());
      return stream;
    }
  } catch (error) {
    zip.close();
    throw error;
  }
  zip.close();
  return null;
}
