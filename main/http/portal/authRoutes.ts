import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PortalPublicSchool, StageInfo } from '../../../shared/api/portal';
import {
  AddressConfirmedPage,
  FirstConnectionPage,
  ForgotLoginPage,
  ForgotPasswordPage,
  LoginPage,
  MessagePage,
  RequestReceiptPage,
  ResetPasswordPage,
  VerifyEmailPage,
} from '../../../renderer/portal/pages/authPages';
import { body, noticeOf, query, STAGE_PAGES, type PageKit } from './pageKit';
import { renderPage } from './render';

export const html = (reply: FastifyReply, page: string, status = 200) =>
  reply.code(status).type('text/html; charset=utf-8').send(page);

/**
 * The signed-in account's stage, or a redirect: to the login page when the session is over,
 * to the stage's own page when this page is not for it yet.
 */
export async function stageOrRedirect(
  kit: PageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  wanted: StageInfo['stage'],
): Promise<StageInfo | null> {
  const result = await kit.call(request, reply, 'portal.stage', {});
  if (!result.ok) {
    await reply.redirect('/?info=session', 303);
    return null;
  }
  if (result.value.stage !== wanted) {
    await reply.redirect(STAGE_PAGES[result.value.stage], 303);
    return null;
  }
  return result.value;
}

export function registerAuthRoutes(
  app: FastifyInstance,
  kit: PageKit,
  schools: () => Promise<PortalPublicSchool[]>,
) {
  const guard = { preHandler: app.csrfProtection };

  app.get('/', async (request, reply) => {
    if (kit.sessionOf(request)) {
      const stage = await kit.call(request, reply, 'portal.stage', {});
      if (stage.ok) return reply.redirect(STAGE_PAGES[stage.value.stage], 303);
    }
    const notice = noticeOf(request);
    return html(
      reply,
      renderPage('Connexion', LoginPage, {
        csrf: kit.csrf(reply),
        schools: await schools(),
        ...(notice ? { notice } : {}),
      }),
    );
  });

  app.post('/connexion', guard, async (request, reply) => {
    const input = { ...body(request), device: kit.deviceOf(request) };
    const result = await kit.call(request, reply, 'portal.login', input);
    if (!result.ok) {
      const state = kit.formState(result.error, request.body, ['login']);
      const status = result.error.code === 'too_many_attempts' ? 429 : 400;
      return html(
        reply,
        renderPage('Connexion', LoginPage, {
          csrf: kit.csrf(reply),
          schools: await schools(),
          state,
        }),
        status,
      );
    }
    if (result.value.device) kit.setDevice(reply, result.value.device);
    return reply.redirect(STAGE_PAGES[result.value.stage], 303);
  });

  app.post('/deconnexion', guard, async (request, reply) => {
    await kit.call(request, reply, 'portal.logout', {});
    return reply.redirect('/?info=deconnexion', 303);
  });

  const firstConnection = (
    info: StageInfo,
    csrf: string,
    state?: ReturnType<PageKit['formState']>,
  ) =>
    renderPage('Première connexion', FirstConnectionPage, {
      csrf,
      login: info.login,
      kind: info.kind,
      emailRequired: info.emailRequired,
      ...(state ? { state } : {}),
    });

  app.get('/premiere-connexion', async (request, reply) => {
    const info = await stageOrRedirect(kit, request, reply, 'first_connection');
    if (info) return html(reply, firstConnection(info, kit.csrf(reply)));
  });

  app.post('/premiere-connexion', guard, async (request, reply) => {
    const info = await stageOrRedirect(kit, request, reply, 'first_connection');
    if (!info) return;
    const result = await kit.call(request, reply, 'portal.firstConnection', body(request));
    if (!result.ok) {
      const state = kit.formState(result.error, request.body, ['birthDate', 'email', 'emailAgain']);
      return html(reply, firstConnection(info, kit.csrf(reply), state), 400);
    }
    return reply.redirect(
      result.value.stage === 'home' ? '/accueil?info=bienvenue' : STAGE_PAGES[result.value.stage],
      303,
    );
  });

  const verifyPage = (
    info: StageInfo,
    csrf: string,
    extra: { notice?: string; state?: ReturnType<PageKit['formState']> },
  ) =>
    renderPage('Compte en attente de validation', VerifyEmailPage, {
      csrf,
      email: info.email,
      ...extra,
    });

  app.get('/verification', async (request, reply) => {
    const info = await stageOrRedirect(kit, request, reply, 'verify_email');
    if (!info) return;
    const notice = noticeOf(request);
    return html(reply, verifyPage(info, kit.csrf(reply), notice ? { notice } : {}));
  });

  app.post('/verification/renvoyer', guard, async (request, reply) => {
    const info = await stageOrRedirect(kit, request, reply, 'verify_email');
    if (!info) return;
    const result = await kit.call(request, reply, 'portal.resendConfirmation', {});
    if (!result.ok) {
      return html(
        reply,
        verifyPage(info, kit.csrf(reply), { state: { errors: { _: result.error.message } } }),
        400,
      );
    }
    return reply.redirect('/verification?info=envoye', 303);
  });

  app.post('/verification/adresse', guard, async (request, reply) => {
    const info = await stageOrRedirect(kit, request, reply, 'verify_email');
    if (!info) return;
    const result = await kit.call(request, reply, 'portal.correctEmail', body(request));
    if (!result.ok) {
      const state = kit.formState(result.error, request.body, ['email', 'emailAgain']);
      return html(reply, verifyPage(info, kit.csrf(reply), { state }), 400);
    }
    return reply.redirect('/verification?info=envoye', 303);
  });

  const spentConfirmLink = (reply: FastifyReply, message: string) =>
    html(
      reply,
      renderPage('Lien non valable', MessagePage, {
        title: 'Lien non valable',
        paragraphs: [message, 'Connectez-vous pour demander un nouveau lien.'],
        link: { href: '/', label: 'Aller à la connexion' },
      }),
      400,
    );

  // A link from an e-mail shows a button: mail scanners that open links must not spend it.
  // A link already used or expired says so at once, before any button (issue 13).
  app.get('/confirmer', async (request, reply) => {
    const token = String(query(request).jeton ?? '');
    const check = await kit.call(request, reply, 'portal.checkConfirmLink', { token });
    if (!check.ok) return spentConfirmLink(reply, check.error.message);
    return html(
      reply,
      renderPage('Confirmer mon adresse', MessagePage, {
        title: 'Confirmer mon adresse',
        paragraphs: [
          `Dernière étape : confirmez que cette adresse électronique est bien celle du compte ${check.value.login}.`,
        ],
        form: {
          action: '/confirmer',
          csrf: kit.csrf(reply),
          hidden: { token },
          label: 'Confirmer mon adresse',
        },
      }),
    );
  });

  app.post('/confirmer', guard, async (request, reply) => {
    const result = await kit.call(request, reply, 'portal.confirmEmail', body(request));
    if (!result.ok) return spentConfirmLink(reply, result.error.message);
    return html(reply, renderPage('Adresse confirmée', AddressConfirmedPage, result.value));
  });

  app.get('/identifiant-oublie', async (_request, reply) =>
    html(reply, renderPage('Identifiant oublié', ForgotLoginPage, { csrf: kit.csrf(reply) })),
  );
  app.post('/identifiant-oublie', guard, async (request, reply) => {
    const result = await kit.call(request, reply, 'portal.forgotLogin', body(request));
    if (!result.ok) {
      const state = kit.formState(result.error, request.body, ['email']);
      return html(
        reply,
        renderPage('Identifiant oublié', ForgotLoginPage, { csrf: kit.csrf(reply), state }),
        400,
      );
    }
    return html(
      reply,
      renderPage('Demande enregistrée', RequestReceiptPage, {
        reference: result.value.reference,
        what: 'login',
      }),
    );
  });

  app.get('/mot-de-passe-oublie', async (_request, reply) =>
    html(reply, renderPage('Mot de passe oublié', ForgotPasswordPage, { csrf: kit.csrf(reply) })),
  );
  app.post('/mot-de-passe-oublie', guard, async (request, reply) => {
    const result = await kit.call(request, reply, 'portal.forgotPassword', {
      ...body(request),
      device: kit.deviceOf(request),
    });
    if (!result.ok) {
      const state = kit.formState(result.error, request.body, ['login']);
      return html(
        reply,
        renderPage('Mot de passe oublié', ForgotPasswordPage, {
          csrf: kit.csrf(reply),
          state,
        }),
        400,
      );
    }
    return html(
      reply,
      renderPage('Demande enregistrée', RequestReceiptPage, {
        reference: result.value.reference,
        what: 'password',
      }),
    );
  });

  const spentLink = (reply: FastifyReply, message: string) =>
    html(
      reply,
      renderPage('Lien non valable', MessagePage, {
        title: 'Lien non valable',
        paragraphs: [
          message,
          'Vous pouvez faire une nouvelle demande depuis « Mot de passe oublié ».',
        ],
        link: { href: '/mot-de-passe-oublie', label: 'Mot de passe oublié' },
      }),
      400,
    );

  app.get('/mot-de-passe/nouveau', async (request, reply) => {
    const token = String(query(request).jeton ?? '');
    const result = await kit.call(request, reply, 'portal.checkResetLink', { token });
    if (!result.ok) return spentLink(reply, result.error.message);
    return html(
      reply,
      renderPage('Nouveau mot de passe', ResetPasswordPage, {
        csrf: kit.csrf(reply),
        login: result.value.login,
        token,
      }),
    );
  });

  app.post('/mot-de-passe/nouveau', guard, async (request, reply) => {
    const posted = body(request);
    const result = await kit.call(request, reply, 'portal.resetPassword', posted);
    if (!result.ok) {
      const check = await kit.call(request, reply, 'portal.checkResetLink', {
        token: posted.token,
      });
      if (!check.ok) return spentLink(reply, check.error.message);
      const state = kit.formState(result.error, posted, []);
      return html(
        reply,
        renderPage('Nouveau mot de passe', ResetPasswordPage, {
          csrf: kit.csrf(reply),
          login: check.value.login,
          token: String(posted.token),
          state,
        }),
        400,
      );
    }
    // The browser that proved the mailbox is known from now on: a lock a stranger set off
    // on this account does not apply to it (issue 14).
    kit.setDevice(reply, result.value.device);
    return reply.redirect('/?info=mot-de-passe', 303);
  });
}
