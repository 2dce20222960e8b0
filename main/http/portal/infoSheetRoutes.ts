import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../../shared/api/result';
import { fieldsOf } from '../../../shared/domain/infoSheet/fields';
import type { FormState } from '../../../renderer/portal/components/Form';
import { InfoSheetPage } from '../../../renderer/portal/pages/InfoSheetPage';
import { formValueOf, tabOf } from '../../../renderer/portal/components/InfoSheetBlocks';
import { html } from './authRoutes';
import { body, query, type PageKit } from './pageKit';
import { FORBIDDEN_IS_SERVICE, refusalPage } from './refusalPage';
import { renderPage } from './render';

/** The notices a redirect may name: fixed sentences, never text from the address. */
const NOTICES: ReadonlyMap<string, string> = new Map([
  [
    'envoye',
    'Vos modifications ont été envoyées à l’établissement. Elles sont en attente de validation par l’établissement.',
  ],
  ['inchange', 'Aucune modification : le formulaire envoyé ne change aucune valeur.'],
  [
    'identique',
    'Aucune modification en attente : les valeurs envoyées sont celles que l’établissement connaît déjà.',
  ],
]);

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const NOT_OPEN = 'La fiche de renseignements n’est pas ouverte par l’établissement.';

/**
 * « Fiche de renseignements » (issue 18 §1): `/fiche-renseignements?enfant=…&onglet=…`, one
 * call for the page; the form posts to the same address with its token. A child not on the
 * account is « page introuvable » (404) with nothing of the child in it.
 */
export function registerInfoSheetRoutes(app: FastifyInstance, kit: PageKit) {
  const refused = (request: FastifyRequest, reply: FastifyReply, error: ApiError) =>
    refusalPage(kit, request, reply, error, FORBIDDEN_IS_SERVICE);

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    child: string,
    props: { tab: string; editing?: boolean; state?: FormState; notice?: string },
    status = 200,
  ) {
    const result = await kit.call(request, reply, 'portal.infoSheet', { child });
    if (!result.ok) return refused(request, reply, result.error);
    if (!result.value.open) {
      return refused(request, reply, { code: 'not_found', message: NOT_OPEN });
    }
    return html(
      reply,
      renderPage('Fiche de renseignements', InfoSheetPage, {
        view: result.value,
        csrf: kit.csrf(reply),
        ...props,
      }),
      status,
    );
  }

  app.get('/fiche-renseignements', async (request, reply) => {
    const q = query(request);
    return page(request, reply, text(q.enfant), {
      tab: text(q.onglet) || 'eleve',
      editing: q.modifier === '1',
      ...(NOTICES.has(text(q.info)) ? { notice: NOTICES.get(text(q.info)) } : {}),
    });
  });

  app.post('/fiche-renseignements', { preHandler: app.csrfProtection }, async (request, reply) => {
    const posted = body(request);
    const child = text(posted.child);
    const guardian = text(posted.guardian);
    const tab = guardian || 'eleve';
    const shown = await kit.call(request, reply, 'portal.infoSheet', { child });
    if (!shown.ok) return refused(request, reply, shown.error);
    const record = shown.value.records.find((r) => tabOf(r) === tab);
    // Only what the family changed is sent on: a value the school holds as it is (an empty
    // profession, a phone imported in an old format) is not theirs to make valid first.
    const typed: Record<string, string> = {};
    const values: Record<string, string> = {};
    for (const f of fieldsOf(guardian ? 'guardian' : 'student')) {
      const v = posted[f];
      if (typeof v !== 'string') continue;
      typed[f] = v;
      const before = record?.fields.find((x) => x.field === f);
      if (!before || v !== formValueOf(before)) values[f] = v;
    }
    if (record && Object.keys(values).length === 0) {
      const to = new URLSearchParams({ enfant: child, onglet: tab, info: 'inchange' });
      return reply.redirect(`/fiche-renseignements?${to.toString()}`, 303);
    }
    const result = await kit.call(request, reply, 'portal.infoSheetSubmit', {
      child,
      ...(guardian ? { guardian } : {}),
      values,
    });
    if (result.ok) {
      const info = result.value.status === 'pending' ? 'envoye' : 'identique';
      const to = new URLSearchParams({ enfant: child, onglet: tab, info });
      return reply.redirect(`/fiche-renseignements?${to.toString()}`, 303);
    }
    const { code } = result.error;
    if (code !== 'invalid_input' && code !== 'conflict') {
      return refused(request, reply, result.error);
    }
    const state = kit.formState(result.error, typed, Object.keys(typed));
    return page(
      request,
      reply,
      child,
      { tab, editing: true, state },
      code === 'conflict' ? 409 : 400,
    );
  });
}
