import { once } from 'node:events';
import { Agent, get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPortal, type RunningPortal } from '../../main/http/portal/startPortal';
import { startPortalWorld, type PortalWorld } from '../helpers/portal';

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

describe('a slow or greedy client', () => {
  // The same portal with short limits, so that the test waits seconds, not minutes.
  let portal: RunningPortal;
  let port: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    portal = await startPortal(w.p, {
      port: 0,
      limits: { requestTimeoutMs: 600, idleTimeoutMs: 5_000, maxConnections: 4 },
    });
    port = Number(new URL(portal.url).port);
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await portal?.close();
  });

  async function open(): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
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
      get(`${portal.url}mentions-legales`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
  }

  it('sending its headers byte by byte is cut off in bounded time', async () => {
    const socket = await open();
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
      const idle = [await open(), await open(), await open()];
      await sleep(100);
      const extra = await open();
      expect(await closedWithin(extra, 1_000)).not.toBeNull();
      // The kept-alive connection opened before is still served.
      expect(await getPage(agent)).toBe(200);
      for (const s of idle) s.destroy();
      await sleep(100);
      const fresh = await open();
      expect(await closedWithin(fresh, 300)).toBeNull();
      fresh.destroy();
    } finally {
      agent.destroy();
    }
  });
});
