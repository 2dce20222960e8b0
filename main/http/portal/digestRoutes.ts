import type { FastifyInstance, FastifyReply } from 'fastify';
import { MessagePage } from '../../../renderer/portal/pages/authPages';
import { html } from './authRoutes';
import { body, query, type PageKit } from './pageKit';
import { renderPage } from './render';

const TITLE = 'Résumé par courriel';

/**
 * The digest's unsubscribe link (issue 17 §5). GET shows a button and changes nothing (mail
 * scanners follow links); POST unsubscribes. The POST takes no CSRF token: the link's own
 * token, unguessable and known only to the mailbox, is what authorises it, and RFC 8058's
 * one-click POST from the mail client (`List-Unsubscribe=One-Click`) carries nothing else.
 */
export function registerDigestRoutes(app: FastifyInstance, kit: PageKit) {
  const spent = (reply: FastifyReply, message: string) =>
    html(
      reply,
      renderPage(TITLE, MessagePage, {
        title: TITLE,
        paragraphs: [message],
        link: { href: '/', label: 'Aller à la connexion' },
      }),
      400,
    );

  app.get('/resume/desabonnement', async (request, reply) => {
    const token = String(query(request).jeton ?? '');
    const check = await kit.call(request, reply, 'portal.checkUnsubscribeLink', { token });
    if (!check.ok) return spent(reply, check.error.message);
    return html(
      reply,
      renderPage(TITLE, MessagePage, {
        title: 'Ne plus recevoir le résumé',
        paragraphs: [
          `Pour que le compte ${check.value.login} ne reçoive plus le résumé par courriel des nouveautés, confirmez avec le bouton ci-dessous. Vous pourrez le demander de nouveau depuis la page « Gérer mon compte ».`,
        ],
        form: {
          action: `/resume/desabonnement?jeton=${encodeURIComponent(token)}`,
          csrf: kit.csrf(reply),
          hidden: { token },
          label: 'Ne plus recevoir le résumé',
        },
      }),
    );
  });

  app.post('/resume/desabonnement', async (request, reply) => {
    // The page's form posts the token; the mail client's one-click posts to the link itself.
    const fromForm = (body(request) as { token?: unknown }).token;
    const token = String(fromForm ?? query(request).jeton ?? '');
    const result = await kit.call(request, reply, 'portal.unsubscribeDigest', { token });
    if (!result.ok) return spent(reply, result.error.message);
    return html(
      reply,
      renderPage(TITLE, MessagePage, {
        title: 'Désabonnement effectué',
        paragraphs: [`Le compte ${result.value.login} ne recevra plus le résumé par courriel.`],
        link: { href: '/', label: 'Aller à la connexion' },
      }),
    );
  });
}
