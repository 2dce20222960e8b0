// The portal bench's baseline: a bare Fastify + better-sqlite3 server that answers
// GET /accueil as the portal does — the same session read by its token's SHA-256 (idle, age,
// version and stage checked), the same three things (the account, its children, the
// child's school) and the same HTML, written with template strings. No cookie or CSRF
// plugin, no dispatcher, no React: what is left is the floor the portal is measured against.
// Run as its own process: `node --import tsx bench/bareHome.ts --data-dir DIR`.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';
import { childNames } from '../renderer/portal/components/childNames';
import { frenchInstant, unbroken } from '../renderer/portal/components/format';
import { formatDate } from '../renderer/ui/format';
import { frenchSpacing } from '../shared/domain/frenchTypography';
import { SERVICES, SERVICE_KEYS } from '../shared/domain/school';
import { CSS_VERSION } from '../main/http/portal/render';
import { PORTAL_CSP } from '../main/http/portal/portalHeaders';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
const db = new BetterSqlite3(join(values['data-dir']!, 'pupitre.sqlite'));
const formKey = randomBytes(32);

const sessionRead = db.prepare(`
  SELECT s.created_at AS createdAt, s.last_seen_at AS lastSeenAt, s.account_version AS sessionVersion,
         a.password_version AS accountVersion, a.id AS accountId, a.kind, a.state,
         a.display_name AS displayName, a.previous_login_at AS previousLoginAt,
         a.school_id AS schoolId
    FROM portal_session s JOIN family_account a ON a.id = s.account_id
   WHERE s.token_hash = ?`);
const childrenRead = db.prepare(`
  SELECT s.id AS studentId, s.first_name AS firstName, s.last_name AS lastName,
         s.birth_date AS birthDate, d.code AS divisionCode, sc.name AS schoolName, s.school_id AS schoolId
    FROM account_student x JOIN student s ON s.id = x.student_id
    JOIN school sc ON sc.id = s.school_id LEFT JOIN division d ON d.id = s.division_id
   WHERE x.account_id = ?`);
const schoolRead = db.prepare(`SELECT * FROM school WHERE id = ?`);

interface Child {
  studentId: number;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  divisionCode: string | null;
  schoolName: string;
  schoolId: number;
}

const esc = (v: string) =>
  v.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[c]!,
  );
const text = (v: string) => esc(frenchSpacing(v));

function page(
  account: { kind: string; displayName: string; previousLoginAt: string | null },
  list: Child[],
  school: Record<string, string | number>,
  csrf: string,
) {
  const child = list[0];
  const names = childNames(list);
  const hello = account.kind === 'student' && child ? child.firstName : account.displayName;
  const switcher =
    list.length < 2
      ? ''
      : `<nav aria-label="Choisir l’enfant"><ul class="p-switcher">${list
          .map((c) =>
            c === child
              ? `<li><span aria-current="page">${text(names.get(c.studentId)!)}</span></li>`
              : `<li><a href="/accueil?enfant=${c.studentId}">${text(names.get(c.studentId)!)}</a></li>`,
          )
          .join('')}</ul></nav>`;
  const childBlock = child
    ? `<section class="p-card" aria-labelledby="enfant-titre"><h2 id="enfant-titre">${text(names.get(child.studentId)!)}</h2><dl class="p-data"><dt>Date de naissance</dt><dd>${text(formatDate(child.birthDate) || 'non renseignée')}</dd><dt>Classe</dt><dd>${text(child.divisionCode ?? 'en attente d’affectation')}</dd><dt>Établissement</dt><dd>${text(child.schoolName)}</dd></dl>${account.kind === 'guardian' ? `<p><a href="/enfant/signaler?enfant=${child.studentId}">Cet enfant n’est pas le mien</a></p>` : ''}</section>`
    : '<section class="p-card"><h2>Aucun enfant</h2><p>Aucun élève n’est rattaché à ce compte pour l’instant. Contactez l’établissement si c’est une erreur.</p></section>';
  const street = [school.address_line1, school.address_line2].filter(Boolean).join(', ');
  const town = [school.address_postal_code, school.address_city].filter(Boolean).join(' ');
  const contact = school.families_may_email && school.email;
  const schoolBlock = `<section class="p-card" aria-labelledby="etablissement-titre"><h2 id="etablissement-titre">${text(String(school.name))}</h2><p>${text(street)}${school.address_line1 ? '<br/>' : ''}${text(town)}</p>${school.phone ? `<p>Téléphone\u00a0: ${text(unbroken(String(school.phone)))}</p>` : ''}${contact ? `<p><a href="mailto:${esc(String(school.email))}">Écrire à l’établissement</a></p>` : ''}</section>`;
  const welcome = String(school.welcome_message).trim()
    ? `<section class="p-notice" aria-label="Message de l’établissement">${String(
        school.welcome_message,
      )
        .split(/\n+/)
        .map((line) => `<p>${text(line)}</p>`)
        .join('')}</section>`
    : '';
  const opened = String(school.opened_services).split(',');
  const keys = SERVICE_KEYS.filter((k) => opened.includes(k));
  const services = keys.length
    ? `<ul class="p-services">${keys.map((k) => `<li><strong>${text(SERVICES[k])}</strong><span class="p-soon">Bientôt disponible</span></li>`).join('')}</ul>`
    : '<p class="p-muted">L’établissement n’a pas encore ouvert de service en ligne.</p>';
  const last = account.previousLoginAt
    ? `Dernière connexion le ${frenchInstant(account.previousLoginAt)}.`
    : 'Première visite sur ce compte.';
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>Accueil — Services en ligne</title><link rel="stylesheet" href="/portail.css?v=${CSS_VERSION}"></head><body><div class="portail"><a class="p-skip" href="#contenu">Aller au contenu</a><header class="p-header"><div class="p-header-inner"><a class="p-brand" href="/accueil">Services en ligne</a><nav aria-label="Menu du compte"><ul class="p-nav"><li><a href="/aide">Aide</a></li><li><a href="/compte">Gérer mon compte</a></li><li><form action="/deconnexion" method="post"><input type="hidden" name="_csrf" value="${csrf}"/><button type="submit">Se déconnecter</button></form></li></ul></nav></div></header><main id="contenu" class="p-main" tabindex="-1"><h1>Accueil</h1><p>Bonjour ${text(hello)}. <span class="p-muted">${text(last)}</span></p>${switcher}<div class="p-grid">${childBlock}${schoolBlock}</div>${welcome}<section aria-labelledby="services-titre"><h2 id="services-titre">Vos services</h2>${services}</section></main><footer class="p-footer"><ul aria-label="Informations"><li><a href="/mentions-legales">Mentions légales</a></li><li><a href="/donnees-personnelles">Données personnelles</a></li><li><a href="/contact">Contact</a></li><li><a href="/aide">Aide</a></li></ul></footer></div></body></html>`;
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': PORTAL_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const app = Fastify();
app.get('/accueil', async (request, reply) => {
  const token = /(?:^|;\s*)pupitre_famille=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  const session = token
    ? (sessionRead.get(createHash('sha256').update(decodeURIComponent(token)).digest('hex')) as
        Record<string, string | number> | undefined)
    : undefined;
  const now = Date.now();
  if (
    !session ||
    now - Date.parse(String(session.lastSeenAt)) > 30 * 60_000 ||
    now - Date.parse(String(session.createdAt)) > 12 * 3_600_000 ||
    session.sessionVersion !== session.accountVersion ||
    session.state !== 'active'
  ) {
    return reply.redirect('/?info=session', 303);
  }
  const list = (childrenRead.all(session.accountId) as Child[]).sort(
    (a, b) =>
      (a.birthDate ?? '').localeCompare(b.birthDate ?? '') ||
      a.firstName.localeCompare(b.firstName, 'fr'),
  );
  const school = schoolRead.get(list[0]?.schoolId ?? session.schoolId) as Record<
    string,
    string | number
  >;
  const csrf = createHmac('sha256', formKey).update(token!).digest('base64url');
  return reply.headers(HEADERS).send(page(session as never, list, school, csrf));
});
await app.listen({ host: '127.0.0.1', port: 0 });
// A clean exit on SIGTERM, so that --cpu-prof writes its profile.
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
const address = app.server.address();
console.log(
  `Portail nu : http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
);
