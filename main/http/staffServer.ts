import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { StaffDispatch } from '../services/staffApi';
import type { ImportService } from '../services/import/importService';
import { registerErrorAnswers } from './plugins/errors';
import { LOOPBACK_HOSTNAMES, registerHostCheck } from './plugins/hostCheck';
import { registerSecurityHeaders } from './plugins/securityHeaders';
import { registerStaffRoutes } from './staffRoutes';
import { registerUploadRoute } from './uploadRoute';
import { registerStsUploadRoute } from './stsUploadRoute';
import { registerLettersRoute } from './lettersRoute';
import { registerRostersRoute } from './rostersRoute';
import { registerReportCardRoute } from './reportCardRoute';
import { registerAbsenceNoticeRoute } from './absenceNoticeRoute';
import { registerInfoSheetExportRoute } from './infoSheetExportRoute';
import type { LetterJobs } from '../services/letters/letterJobs';

export interface HttpServerOptions {
  dispatch: StaffDispatch;
  /** Receives SIECLE files posted to /upload/import. */
  imports: ImportService;
  /** Serves batches of letters at GET /letters/:id.pdf. */
  letters: LetterJobs;
  /** The built renderer (dist/renderer); when absent only the API is served. */
  rendererDir: string | null;
  secureCookies?: boolean;
  /** Host names the server answers to; the loopback names by default. */
  allowedHostnames?: readonly string[];
  logger?: boolean;
}

/** Web mode's staff server: the window's files, POST /api/:name and the SIECLE upload. */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  await app.register(fastifyCookie);
  registerHostCheck(app, options.allowedHostnames ?? LOOPBACK_HOSTNAMES);
  registerSecurityHeaders(app, {
    noStorePrefixes: [
      '/api/',
      '/upload/',
      '/letters/',
      '/rosters',
      '/releve',
      '/export-siecle',
      '/absence-notice.pdf',
    ],
  });
  registerErrorAnswers(app);

  registerStaffRoutes(app, options.dispatch, options.secureCookies ?? false);
  registerUploadRoute(app, options.dispatch, options.imports);
  // After the SIECLE route: it registers the raw-body parser both use.
  registerStsUploadRoute(app, options.dispatch);
  registerLettersRoute(app, options.dispatch, options.letters);
  registerRostersRoute(app, options.dispatch);
  registerReportCardRoute(app, options.dispatch);
  registerAbsenceNoticeRoute(app, options.dispatch);
  registerInfoSheetExportRoute(app, options.dispatch);

  if (options.rendererDir && existsSync(options.rendererDir)) {
    await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });
  }
  return app;
}
