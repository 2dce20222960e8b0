import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/api/result';
import type { PageKit } from '../../main/http/portal/pageKit';
import {
  FORBIDDEN_IS_SERVICE,
  FORBIDDEN_IS_STAGE,
  FORBIDDEN_IS_STAGE_THEN_REFUSED,
  refusalPage,
  type RefusalStyle,
} from '../../main/http/portal/refusalPage';

/** A page kit whose session is at `stage`; it counts the stage questions it is asked. */
function kitAt(stage: 'home' | 'first_connection' | null) {
  const asked: string[] = [];
  const kit = {
    call: (_request: unknown, _reply: unknown, name: string) => {
      asked.push(name);
      return Promise.resolve(
        stage
          ? { ok: true, value: { stage } }
          : { ok: false, error: { code: 'unauthenticated', message: 'fin' } },
      );
    },
    csrf: () => 'jeton',
  } as unknown as PageKit;
  return { kit, asked };
}

async function refuse(style: RefusalStyle, error: ApiError, stage: 'home' | 'first_connection') {
  const { kit, asked } = kitAt(stage);
  const app = Fastify();
  app.get('/', (request, reply) => refusalPage(kit, request, reply, error, style));
  const res = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(res.body)?.[1] ?? null;
  return { status: res.statusCode, location: res.headers.location, title, asked };
}

const forbidden: ApiError = { code: 'forbidden', message: 'Refusé ici.' };
const notFound: ApiError = { code: 'not_found', message: 'Enfant introuvable.' };
const invalid: ApiError = { code: 'invalid_input', message: 'Mois invalide.' };

describe('one refusal page for the family pages, which differ only on « forbidden »', () => {
  it.each([
    ['accueil, notes', FORBIDDEN_IS_STAGE, 400, 'Page introuvable', 'Page introuvable'],
    ['vie scolaire', FORBIDDEN_IS_STAGE_THEN_REFUSED, 403, 'Demande refusée', 'Demande refusée'],
    ['fiche', FORBIDDEN_IS_SERVICE, 403, 'Accès refusé', 'Page introuvable'],
  ] as const)(
    '%s: forbidden at home is %i « %s », another refusal « %s », not_found always 404',
    async (_pages, style, forbiddenStatus, forbiddenTitle, otherTitle) => {
      expect(await refuse(style, forbidden, 'home')).toMatchObject({
        status: forbiddenStatus,
        title: forbiddenTitle,
      });
      expect(await refuse(style, invalid, 'home')).toMatchObject({
        status: 400,
        title: otherTitle,
      });
      const missing = await refuse(style, notFound, 'home');
      expect(missing).toMatchObject({ status: 404, title: 'Page introuvable', asked: [] });
    },
  );

  it('the stage gate’s forbidden sends the browser to its stage, except on the fiche', async () => {
    for (const style of [FORBIDDEN_IS_STAGE, FORBIDDEN_IS_STAGE_THEN_REFUSED]) {
      expect(await refuse(style, forbidden, 'first_connection')).toMatchObject({
        status: 303,
        location: '/premiere-connexion',
        asked: ['portal.stage'],
      });
    }
    // The fiche's forbidden is the service's (not opened by the school): no stage is asked.
    expect(await refuse(FORBIDDEN_IS_SERVICE, forbidden, 'first_connection')).toMatchObject({
      status: 403,
      title: 'Accès refusé',
      asked: [],
    });
  });

  it('a lost session goes back to the login on every page', async () => {
    for (const style of [
      FORBIDDEN_IS_STAGE,
      FORBIDDEN_IS_STAGE_THEN_REFUSED,
      FORBIDDEN_IS_SERVICE,
    ]) {
      const { kit } = kitAt(null);
      const app = Fastify();
      app.get('/', (request, reply) =>
        refusalPage(kit, request, reply, { code: 'unauthenticated', message: 'fin' }, style),
      );
      const res = await app.inject({ method: 'GET', url: '/' });
      await app.close();
      expect([res.statusCode, res.headers.location]).toEqual([303, '/?info=session']);
    }
  });
});
