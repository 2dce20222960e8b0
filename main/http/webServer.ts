import { startPupitre, type Pupitre, type PupitreOptions } from '../bootstrap';
import type { SetupResult } from '../../shared/api/staff';
import { startPortal, type RunningPortal } from './portal/startPortal';
import { createHttpServer } from './staffServer';

export interface WebServerOptions extends PupitreOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  rendererDir: string | null;
  /** The family portal's own listener beside the staff one; none when null. */
  portalPort?: number | null;
}

export interface RunningWebServer {
  url: string;
  /** The family portal, when started. */
  portalUrl: string | null;
  /** The services behind both listeners (tests drive the staff side through them). */
  pupitre: Pupitre;
  /** Set when this start created the demo school: the direction password, shown once. */
  created: SetupResult | null;
  hasSchool: boolean;
  close(): Promise<void>;
}

/** Web mode: the desktop app's services behind HTTP on the loopback interface. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  let portal: RunningPortal | null = null;
  // The demo school is made once the portal listens, so that its letters give its address.
  const pupitre = await startPupitre({
    ...options,
    demo: false,
    demoPortalUrl: () => portal?.url ?? null,
  });
  const app = await createHttpServer({
    dispatch: pupitre.dispatch,
    imports: pupitre.services.imports,
    letters: pupitre.services.letters,
    rendererDir: options.rendererDir,
  });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  if (options.portalPort !== undefined && options.portalPort !== null) {
    portal = await startPortal(pupitre, { host, port: options.portalPort });
  }
  let { created, hasSchool } = pupitre;
  if (!hasSchool && options.demo) {
    created = await pupitre.services.setup.createSchool({ kind: 'demo' });
    hasSchool = true;
  }
  return {
    url: `http://${host}:${port}/`,
    portalUrl: portal?.url ?? null,
    pupitre,
    created,
    hasSchool,
    close: async () => {
      await portal?.close();
      await app.close();
      await pupitre.close();
    },
  };
}
