import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for tests (yauzl only reads): local headers, data, central directory,
 * end record; no zip64, no encryption. It can also forge what a hostile archive would hold:
 * a size that lies, a wrong CRC.
 */
export interface ZipEntrySpec {
  name: string;
  data?: Uint8Array;
  /** 'deflate' by default; folders are always stored. */
  method?: 'deflate' | 'store';
  /** Uncompressed size written in the headers instead of the real one. */
  declaredSize?: number;
  /** CRC written in the headers instead of the real one. */
  declaredCrc?: number;
  /** Sets the "encrypted" flag (the data stays readable: only the flag matters here). */
  encrypted?: boolean;
}

// 2019-09-01 12:00, in MS-DOS format.
const DOS_TIME = (12 << 11) >>> 0;
const DOS_DATE = ((2019 - 1980) << 9) | (9 << 5) | 1;
const UTF8_NAMES = 0x0800;

export function writeZip(entries: readonly ZipEntrySpec[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data ?? new Uint8Array(0);
    const store = entry.method === 'store' || entry.name.endsWith('/');
    const body = store ? Buffer.from(data) : deflateRawSync(data);
    const fields = {
      flags: UTF8_NAMES | (entry.encrypted ? 1 : 0),
      method: store ? 0 : 8,
      crc: entry.declaredCrc ?? crc32(data),
      compressedSize: body.length,
      size: entry.declaredSize ?? data.length,
    };

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(fields.flags, 6);
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(fields.crc >>> 0, 14);
    local.writeUInt32LE(fields.compressedSize, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // version made by
    header.writeUInt16LE(20, 6); // version needed
    header.writeUInt16LE(fields.flags, 8);
    header.writeUInt16LE(fields.method, 10);
    header.writeUInt16LE(DOS_TIME, 12);
    header.writeUInt16LE(DOS_DATE, 14);
    header.writeUInt32LE(fields.crc >>> 0, 16);
    header.writeUInt32LE(fields.compressedSize, 20);
    header.writeUInt32LE(fields.size, 24);
    header.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes: all 0
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
