import { once } from 'node:events';
import { Agent, get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPortal, type RunningPortal } from '../../main/http/portal/startPortal';
import { activateAccount, startPortalWorld, type PortalWorld } from '../helpers/portal';

// Issue 14 §3: what a stranger's odd request must not do to the portal, over real HTTP on
// 127.0.0.1.
let w: PortalWorld;
beforeAll(async () => {
  w = await startPortalWorld({ students: 20 });
});
afterAll(async () => w?.cleanup());

describe('the notice named in the address', () => {
  it('is looked up among the portal’s own notices only: `?info=__proto__` and `?info=constructor` show the plain page and log nothing', async () => {
    const logged = vi.spyOn(console, 'error');
    try {
      for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        const res = await fetch(new URL(`/?info=${key}`, w.portal.url));
        const body = await res.text();
        expect(res.status, key).toBe(200);
        expect(body, key).toContain('name="login"');
        expect(body, key).not.toMatch(/function|\[object/);
      }
      expect(logged).not.toHaveBeenCalled();
      const known = await (await fetch(new URL('/?info=deconnexion', w.portal.url))).text();
      expect(known).toContain('Déconnexion effectuée.');
    } finally {
      logged.mockRestore();
    }
  });
});

/** A browser without script over real HTTP: its cookies, and the form token of its last page. */
class HttpBrowser {
  cookies = new Map<string, string>();
  csrf = '';
  async send(path: string, form?: Record<string, string>, csrf = this.csrf) {
    const res = await fetch(new URL(path, w.portal.url), {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams({ ...form, _csrf: csrf }).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const value = pair!.slice(at + 1);
      if (value) this.cookies.set(pair!.slice(0, at), value);
      else this.cookies.delete(pair!.slice(0, at));
    }
    const body = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(body);
    if (token) this.csrf = token[1]!;
    return { status: res.status, location: res.headers.get('location') };
  }
}

describe('a form token', () => {
  it('is bound to the session: a token and form cookie read by another browser are refused, the family’s own accepted', async () => {
    const [account] = (await w.p.db.manager.query(
      `SELECT id, login FROM family_account a WHERE kind = 'guardian' AND state = 'not_notified'
         AND EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id) ORDER BY id LIMIT 1`,
    )) as { id: number; login: string }[];
    await activateAccount(w.p, account!.id, 'Tigre7Bleu', 'lie@example.fr');
    const family = new HttpBrowser();
    await family.send('/');
    const login = await family.send('/connexion', {
      login: account!.login,
      password: 'Tigre7Bleu',
    });
    expect(login.location).toBe('/accueil');
    await family.send('/compte');
    const own = family.csrf;

    // A stranger's pair (form cookie and token), planted in the family's browser.
    const stranger = new HttpBrowser();
    await stranger.send('/');
    const planted = new HttpBrowser();
    planted.cookies = new Map(family.cookies);
    planted.cookies.set('pupitre_formulaire', stranger.cookies.get('pupitre_formulaire')!);
    const forged = await planted.send('/deconnexion', {}, stranger.csrf);
    expect(forged.status).toBe(403);
    expect((await family.send('/accueil')).status).toBe(200);

    // The family's own token from before a new login no longer holds either.
    const second = new HttpBrowser();
    second.cookies = new Map(family.cookies);
    await second.send('/deconnexion', {}, own);
    await second.send('/');
    await second.send('/connexion', { login: account!.login, password: 'Tigre7Bleu' });
    expect((await second.send('/deconnexion', {}, own)).status).toBe(403);
    expect((await second.send('/compte')).status).toBe(200);
    expect((await second.send('/deconnexion', {})).location).toBe('/?info=deconnexion');
  });
});

describe('a slow or greedy client', () => {
  // The same portal with short limits, so that the test waits seconds, not minutes.
  // A short request deadline for the trickle; a long one for the cap, so that a loaded machine
  // does not see the idle connections cut before the cap is reached.
  let slow: RunningPortal;
  let capped: RunningPortal;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    slow = await startPortal(w.p, { port: 0, limits: { requestTimeoutMs: 600 } });
    capped = await startPortal(w.p, {
      port: 0,
      limits: { requestTimeoutMs: 20_000, maxConnections: 4 },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await slow?.close();
    await capped?.close();
  });

  async function open(portal: RunningPortal): Promise<Socket> {
    const socket = connect(Number(new URL(portal.url).port), '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => {});
    await once(socket, 'connect');
    return socket;
  }
  /** Resolves with how long the server took to close the socket, or null if it still holds. */
  async function closedWithin(socket: Socket, ms: number): Promise<number | null> {
    const started = Date.now();
    // Not events.once: a write refused once the server has closed rejects it with EPIPE.
    const closed = new Promise<number>((resolve) =>
      socket.once('close', () => resolve(Date.now() - started)),
    );
    return Promise.race([closed, sleep(ms).then(() => null)]);
  }
  function getPage(agent: Agent): Promise<number> {
    return new Promise((resolve, reject) => {
      get(`${capped.url}mentions-legales`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
  }

  it('sending its headers byte by byte is cut off in bounded time', async () => {
    const socket = await open(slow);
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lent: ');
    const drip = setInterval(() => {
      if (socket.writable) socket.write('a');
    }, 50);
    try {
      const took = await closedWithin(socket, 4_000);
      expect(took).not.toBeNull();
      expect(took!).toBeLessThan(2_500);
    } finally {
      clearInterval(drip);
    }
  });

  it('past the connection cap, a new connection is refused while the portal still answers the open ones', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await getPage(agent)).toBe(200);
      const idle = [await open(capped), await open(capped), await open(capped)];
      await sleep(100);
      const extra = await open(capped);
      expect(await closedWithin(extra, 1_000)).not.toBeNull();
      // The kept-alive connection opened before is still served.
      expect(await getPage(agent)).toBe(200);
      for (const s of idle) s.destroy();
      await sleep(100);
      const fresh = await open(capped);
      expect(await closedWithin(fresh, 300)).toBeNull();
      fresh.destroy();
    } finally {
      agent.destroy();
    }
  });
});
