import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FamilySchoolLifeView } from '../../../shared/api/portal';
import type { ApiError } from '../../../shared/api/result';
import {
  SchoolLifePage,
  type JustifyFormState,
} from '../../../renderer/portal/pages/SchoolLifePage';
import { html } from './authRoutes';
import { body, query, type PageKit } from './pageKit';
import { FORBIDDEN_IS_STAGE_THEN_REFUSED, refusalPage } from './refusalPage';
import { renderPage } from './render';

const SENT =
  'Votre justificatif a été envoyé à la vie scolaire. Sa réponse s’affichera sur cette page.';

/** An address's or a form's field as the call takes it: absent when empty. */
const field = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * « Vie scolaire » (issue 17 §4–§5): the month's absences as weeks and the published events
 * of the chosen child; a responsable justifies an absence with a form that posts.
 */
export function registerSchoolLifeRoutes(app: FastifyInstance, kit: PageKit) {
  const refused = (request: FastifyRequest, reply: FastifyReply, error: ApiError) =>
    refusalPage(kit, request, reply, error, FORBIDDEN_IS_STAGE_THEN_REFUSED);

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { child?: string | undefined; month?: string | undefined },
    extra: { notice?: string; state?: JustifyFormState; status?: number } = {},
  ) {
    const result = await kit.call(request, reply, 'portal.schoolLife', {
      ...(input.child ? { child: input.child } : {}),
      ...(input.month ? { month: input.month } : {}),
    });
    if (!result.ok) return refused(request, reply, result.error);
    const view: FamilySchoolLifeView = result.value;
    const { status, ...props } = extra;
    return html(
      reply,
      renderPage('Vie scolaire', SchoolLifePage, { view, csrf: kit.csrf(reply), ...props }),
      status ?? 200,
    );
  }

  app.get('/vie-scolaire', async (request, reply) => {
    const q = query(request);
    return page(
      request,
      reply,
      { child: field(q.enfant), month: field(q.mois) },
      q.info === 'justificatif' ? { notice: SENT } : {},
    );
  });

  app.post(
    '/vie-scolaire/justifier',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const posted = body(request);
      const result = await kit.call(request, reply, 'portal.justifyAbsence', posted);
      const child = field(posted.child);
      const month = field(posted.mois);
      if (result.ok) {
        const to = new URLSearchParams({
          ...(child ? { enfant: child } : {}),
          ...(month ? { mois: month } : {}),
          info: 'justificatif',
        });
        return reply.redirect(`/vie-scolaire?${to.toString()}`, 303);
      }
      const { code } = result.error;
      if (code !== 'invalid_input' && code !== 'conflict') {
        return refused(request, reply, result.error);
      }
      const eventId = Number(posted.event);
      return page(
        request,
        reply,
        { child, month },
        {
          state: { eventId, ...kit.formState(result.error, posted, ['motif', 'comment']) },
          status: code === 'conflict' ? 409 : 400,
        },
      );
    },
  );
}
