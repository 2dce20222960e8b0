import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type RunningPortal } from '../../main/http/portal/startPortal';
import { startTestPupitre, type TestPupitre } from '../helpers/pupitre';

// « HTTPS with a certificate the school gives »: the portal serves it itself, and then its
// cookies are Secure and it sends HSTS.
let p: TestPupitre;
let portal: RunningPortal;
const dir = mkdtempSync(join(tmpdir(), 'pupitre-tls-'));

beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  p = await startTestPupitre({ students: 20 });
  portal = await startPortal(p, {
    port: 0,
    https: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    limits: { handshakeTimeoutMs: 400 },
  });
});
afterAll(async () => {
  await portal?.close();
  await p?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function get(
  url: string,
  cookie?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    request(url, { rejectUnauthorized: false, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the portal over HTTPS', () => {
  it('answers with HSTS and Secure cookies', async () => {
    expect(portal.url.startsWith('https://')).toBe(true);
    const res = await get(portal.url);
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/);
  });

  it('names its form cookie `__Host-` (Secure, Path=/, no Domain), so no sibling host or HTTP page can plant it (issue 14 §3)', async () => {
    const cookies = ([] as string[]).concat((await get(portal.url)).headers['set-cookie'] ?? []);
    const form = cookies.find((c) => c.startsWith('__Host-pupitre_formulaire='));
    expect(form).toBeDefined();
    expect(form).toMatch(/; Path=\/(;|$)/);
    expect(form).not.toMatch(/Domain=/i);
    expect(cookies.some((c) => c.startsWith('pupitre_formulaire='))).toBe(false);
  });

  it('reads and ends the session under its `__Host-` name: a stale one is cleared with Path=/ and Secure', async () => {
    const res = await get(portal.url, '__Host-pupitre_famille=perime');
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cleared = cookies.find((c) => c.startsWith('__Host-pupitre_famille=;'));
    expect(cleared).toMatch(/; Path=\/; .*Secure/);
    expect(cleared).not.toMatch(/Domain=/i);
  });
});

describe('the portal’s TLS handshake deadline', () => {
  it('closes a connection that never starts its TLS handshake', async () => {
    const { port } = new URL(portal.url);
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
      setTimeout(() => {
        socket.destroy();
        reject(new Error('still open after 5 s'));
      }, 5_000);
    });
    expect(closedAfter).toBeLessThan(5_000);
  });
});
