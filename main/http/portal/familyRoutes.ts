import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FamilyView } from '../../../shared/api/portal';
import { MessagePage } from '../../../renderer/portal/pages/authPages';
import {
  AccountPage,
  MergeConfirmPage,
  MergePage,
  MyDataPage,
  NotMyChildPage,
} from '../../../renderer/portal/pages/accountPages';
import { HomePage } from '../../../renderer/portal/pages/HomePage';
import { html, stageOrRedirect } from './authRoutes';
import { body, noticeOf, query, type PageKit } from './pageKit';
import { FORBIDDEN_IS_STAGE, refusalPage } from './refusalPage';
import { renderPage } from './render';

export function registerFamilyRoutes(app: FastifyInstance, kit: PageKit) {
  const guard = { preHandler: app.csrfProtection };

  /** The home read model, or a refusal page (a child that is not the account's: 404). */
  async function view(
    request: FastifyRequest,
    reply: FastifyReply,
    child?: unknown,
  ): Promise<FamilyView | null> {
    const input = child === undefined || child === '' ? {} : { child };
    // One call for the page (the busiest one): its stage is asked only when it is refused.
    const result = await kit.call(request, reply, 'portal.home', input);
    if (result.ok) return result.value;
    await refusalPage(kit, request, reply, result.error, FORBIDDEN_IS_STAGE);
    return null;
  }

  app.get('/accueil', async (request, reply) => {
    const v = await view(request, reply, query(request).enfant);
    if (!v) return;
    const notice = noticeOf(request);
    return html(
      reply,
      renderPage('Accueil', HomePage, {
        view: v,
        csrf: kit.csrf(reply),
        ...(notice ? { notice } : {}),
      }),
    );
  });

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      form?: 'password' | 'email';
      state?: ReturnType<PageKit['formState']>;
      status?: number;
    },
  ) => {
    const v = await view(request, reply);
    if (!v) return;
    const notice = noticeOf(request);
    const { status, ...rest } = extra;
    const digest = await kit.call(request, reply, 'portal.digestStatus', {});
    return html(
      reply,
      renderPage('Gérer mon compte', AccountPage, {
        view: v,
        csrf: kit.csrf(reply),
        ...(notice ? { notice } : {}),
        ...(digest.ok ? { digest: digest.value } : {}),
        ...rest,
      }),
      status ?? 200,
    );
  };

  app.get('/compte', (request, reply) => accountPage(request, reply, {}));

  app.post('/compte/mot-de-passe', guard, async (request, reply) => {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    const result = await kit.call(request, reply, 'portal.changePassword', body(request));
    if (!result.ok) {
      return accountPage(request, reply, {
        form: 'password',
        state: kit.formState(result.error, request.body, []),
        status: 400,
      });
    }
    return reply.redirect('/compte?info=mot-de-passe-change', 303);
  });

  app.post('/compte/adresse', guard, async (request, reply) => {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    const result = await kit.call(request, reply, 'portal.changeEmail', body(request));
    if (!result.ok) {
      return accountPage(request, reply, {
        form: 'email',
        state: kit.formState(result.error, request.body, ['email', 'emailAgain']),
        status: 400,
      });
    }
    return reply.redirect('/compte?info=adresse', 303);
  });

  app.post('/compte/resume', guard, async (request, reply) => {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    const result = await kit.call(request, reply, 'portal.setDigest', body(request));
    if (!result.ok) {
      return html(
        reply,
        renderPage('Résumé par courriel', MessagePage, {
          title: 'Résumé par courriel',
          paragraphs: [result.error.message],
          link: { href: '/compte', label: 'Retour à mon compte' },
          csrf: kit.csrf(reply),
        }),
        400,
      );
    }
    return reply.redirect(
      `/compte?info=${result.value.enabled ? 'resume-active' : 'resume-arrete'}`,
      303,
    );
  });

  app.get('/compte/regrouper', async (request, reply) => {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    return html(reply, renderPage('Regrouper des comptes', MergePage, { csrf: kit.csrf(reply) }));
  });

  app.post('/compte/regrouper', guard, async (request, reply) => {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    const result = await kit.call(request, reply, 'portal.mergePreview', body(request));
    if (!result.ok) {
      const state = kit.formState(result.error, request.body, ['login', 'birthDate']);
      const status =
        result.error.code === 'too_many_attempts'
          ? 429
          : result.error.code === 'forbidden'
            ? 403
            : 400;
      return html(
        reply,
        renderPage('Regrouper des comptes', MergePage, { csrf: kit.csrf(reply), state }),
        status,
      );
    }
    return html(
      reply,
      renderPage('Confirmer le regroupement', MergeConfirmPage, {
        csrf: kit.csrf(reply),
        preview: result.value,
      }),
    );
  });

  app.post('/compte/regrouper/valider', guard, async (request, reply) => {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    const result = await kit.call(request, reply, 'portal.merge', {});
    if (!result.ok) {
      const state = { errors: { _: result.error.message } };
      return html(
        reply,
        renderPage('Regrouper des comptes', MergePage, { csrf: kit.csrf(reply), state }),
        400,
      );
    }
    return reply.redirect('/accueil?info=regroupement', 303);
  });

  app.get('/enfant/signaler', async (request, reply) => {
    const v = await view(request, reply, query(request).enfant);
    if (!v?.child) return;
    return html(
      reply,
      renderPage('Cet enfant n’est pas le mien', NotMyChildPage, {
        csrf: kit.csrf(reply),
        child: v.child,
      }),
    );
  });

  app.post('/enfant/signaler', guard, async (request, reply) => {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    const result = await kit.call(request, reply, 'portal.notMyChild', body(request));
    if (!result.ok) {
      return html(
        reply,
        renderPage('Signalement impossible', MessagePage, {
          title: 'Signalement impossible',
          paragraphs: [result.error.message],
          link: { href: '/accueil', label: 'Retour à l’accueil' },
          csrf: kit.csrf(reply),
        }),
        result.error.code === 'not_found' ? 404 : 400,
      );
    }
    return reply.redirect('/accueil?info=signalement', 303);
  });

  app.get('/mes-donnees', async (request, reply) => {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    const result = await kit.call(request, reply, 'portal.myData', {});
    if (!result.ok) return reply.redirect('/?info=session', 303);
    return html(
      reply,
      renderPage('Mes données', MyDataPage, { csrf: kit.csrf(reply), data: result.value }),
    );
  });

  app.get('/mes-donnees.json', async (request, reply) => {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    const result = await kit.call(request, reply, 'portal.myData', {});
    if (!result.ok) return reply.redirect('/?info=session', 303);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="mes-donnees.json"')
      .send(JSON.stringify(result.value, null, 2));
  });
}
