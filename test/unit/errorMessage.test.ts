import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../renderer/api/client';
import { downloadRosterPdf } from '../../renderer/api/download';
import { uploadStsFile } from '../../renderer/api/stsUpload';
import { uploadImportFile } from '../../renderer/api/upload';
import { errorMessage } from '../../renderer/ui/errors';
import { ApiFailure } from '../../shared/api/result';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const UNREACHABLE = `Le serveur Pupitre ne répond pas${NBSP}: vérifiez qu’il est lancé et que le réseau fonctionne, puis réessayez.`;
const UNEXPECTED = `Une erreur inattendue est survenue. Réessayez${NNBSP}; si elle persiste, prévenez la direction.`;

describe('errorMessage: what the staff window says for a thrown value', () => {
  it('shows the API’s own French message', () => {
    expect(errorMessage(new ApiFailure('not_found', 'Ce compte n’existe pas.'))).toBe(
      'Ce compte n’existe pas.',
    );
  });

  it.each([
    ['Chromium', 'Failed to fetch'],
    ['Firefox', 'NetworkError when attempting to fetch resource.'],
    ['Safari', 'Load failed'],
    ['a lazily loaded screen', 'Failed to fetch dynamically imported module: /assets/x.js'],
  ])('says the server does not answer when fetch got no answer (%s)', (_browser, text) => {
    expect(errorMessage(new TypeError(text))).toBe(UNREACHABLE);
  });

  it('says a request cut short was interrupted', () => {
    expect(errorMessage(new DOMException('The operation was aborted.', 'AbortError'))).toBe(
      'La demande a été interrompue avant la réponse du serveur. Réessayez.',
    );
    expect(errorMessage(new DOMException('signal timed out', 'TimeoutError'))).toMatch(
      /^La demande a été interrompue/,
    );
  });

  it.each([
    new TypeError("Cannot read properties of undefined (reading 'studentId')"),
    new Error('SQLITE_BUSY: database is locked at /home/secretariat/.pupitre/pupitre.db'),
    new RangeError('Invalid time value'),
    'a thrown string',
    undefined,
  ])('keeps an unexpected error’s internals to itself: %s', (thrown) => {
    expect(errorMessage(thrown)).toBe(UNEXPECTED);
  });
});

describe('a PDF or a call the web server refuses or never answers', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the server’s French reason, not the generic sentence', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('fetch', async () =>
      Response.json(
        {
          ok: false,
          error: { code: 'forbidden', message: 'Cette liste ne vous est pas ouverte.' },
        },
        { status: 403 },
      ),
    );
    const refused = await downloadRosterPdf({ divisionId: 1 }, '5A.pdf').catch((e: unknown) => e);
    expect(errorMessage(refused)).toBe('Cette liste ne vous est pas ouverte.');
  });

  it('says the server does not answer when the download gets no answer', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const cut = await downloadRosterPdf({ divisionId: 1 }, '5A.pdf').catch((e: unknown) => e);
    expect(errorMessage(cut)).toBe(UNREACHABLE);
  });

  it('says the same for a call the server never answered', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const cut = await invoke('session.me', {}).catch((e: unknown) => e);
    expect(errorMessage(cut)).toBe(UNREACHABLE);
  });

  it('says the same when an STS-Web export is sent to a server that never answers', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const file = new File(['<STS_EDT/>'], 'sts_emp.xml');
    const cut = await uploadStsFile(file).catch((e: unknown) => e);
    expect(errorMessage(cut)).toBe(UNREACHABLE);
  });

  it('says the same when a SIECLE file is sent to a server that never answers', async () => {
    vi.stubGlobal('window', {});
    // The import's upload goes by XMLHttpRequest (for its progress): one whose request fails.
    class NoAnswer {
      upload = {};
      onerror: (() => void) | null = null;
      open() {}
      setRequestHeader() {}
      send() {
        queueMicrotask(() => this.onerror?.());
      }
    }
    vi.stubGlobal('XMLHttpRequest', NoAnswer);
    const file = new File(['PK'], 'ElevesSansAdresses.zip');
    const cut = await uploadImportFile(file).catch((e: unknown) => e);
    expect(errorMessage(cut)).toBe(UNREACHABLE);
  });
});
