// The portal bench's baseline: a bare Fastify + better-sqlite3 server that answers
// GET /accueil as the portal does — the same session read by its token's SHA-256 (idle, age,
// version and stage checked), the same three things (the account, its children, the
// child's school) and the same HTML, written with template strings; with the notes tile's
// count of new marks and the vie scolaire tile's half-days of the term read in raw SQL and
// worked out by the same pure rules (publication, half-days). No cookie or CSRF plugin, no
// dispatcher, no React: what is left is the floor the portal is measured against.
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
import { SPECIAL_MARKS } from '../shared/domain/grades/marks';
import {
  gradePublishedAt,
  gradeVisibility,
  isNewSince,
} from '../shared/domain/publication/gradePublication';
import { addDays, parisDay, parisStartOfDay } from '../shared/domain/publication/parisDays';
import {
  PERIOD_KINDS,
  periodKindOf,
  periodOfDay,
  periodsOfLevel,
  publicationDaysByPeriod,
} from '../shared/domain/periods';
import { absenceTileText } from '../shared/domain/vieScolaire/absenceTile';
import { DEFAULT_HALF_DAY_SETTINGS, halfDaysBetween } from '../shared/domain/vieScolaire/halfDays';
import { newItemsLabel } from '../renderer/portal/components/newLabels';
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
         s.birth_date AS birthDate, d.code AS divisionCode, d.level AS level,
         sc.name AS schoolName, s.school_id AS schoolId
    FROM account_student x JOIN student s ON s.id = x.student_id
    JOIN school sc ON sc.id = s.school_id LEFT JOIN division d ON d.id = s.division_id
   WHERE x.account_id = ?`);
const schoolRead = db.prepare(`SELECT * FROM school WHERE id = ?`);
const yearPeriodsRead = db.prepare(`
  SELECT p.id, p.code, p.level, p.starts_on AS startsOn, p.ends_on AS endsOn, p.publishes_on AS publishesOn
    FROM school_year y JOIN period p ON p.school_year_id = y.id AND p.school_id = y.school_id
   WHERE y.school_id = ? AND y.is_current`);
const marksRead = db.prepare(`
  SELECT m.points, m.special, m.updated_at AS updatedAt, m.entered_at AS enteredAt,
         m.modified_after_publication_at AS modifiedAt, a.day, a.publishes_on AS publishesOn,
         a.period_id AS periodId
    FROM mark m JOIN assessment a ON a.id = m.assessment_id AND a.school_id = m.school_id
    JOIN period p ON p.id = a.period_id JOIN school_year y ON y.id = p.school_year_id AND y.is_current
   WHERE m.student_id = ? AND m.school_id = ?`);
const settingRead = db.prepare(
  `SELECT midday_boundary AS middayBoundary, closed_periods AS closedPeriods FROM school_life_setting WHERE school_id = ?`,
);
// What families see of vie scolaire, in SQL: the published kinds with their flag set, begun
// before today (J+1).
const absencesRead = db.prepare(`
  SELECT starts_at AS startsAt, ends_at AS endsAt FROM school_life_event
   WHERE student_id = ? AND school_id = ? AND kind = 'absence' AND processed = 1
     AND publishable_online = 1 AND starts_at >= ? AND starts_at < ?`);

interface Period {
  id: number;
  code: string;
  level: string;
  startsOn: string;
  endsOn: string;
  publishesOn: string | null;
}
interface MarkRow {
  points: number | null;
  special: string | null;
  updatedAt: string;
  enteredAt: string | null;
  modifiedAt: string | null;
  day: string;
  publishesOn: string | null;
  periodId: number;
}

/** The notes tile's count: marks the viewer sees today, published or corrected since the previous login. */
function newMarks(
  child: Child,
  school: Record<string, string | number>,
  periods: Period[],
  viewer: 'parent' | 'student',
  previousLoginAt: string | null,
  today: string,
  now: Date,
): number {
  const settings = {
    mode:
      school.grade_publication_mode === 'scheduled'
        ? ('scheduled' as const)
        : ('continuous' as const),
    periodPublicationDays: publicationDaysByPeriod(periods),
    studentDelayDays: Number(school.student_delay_days),
    parentDelayDays: Number(school.parent_delay_days),
  };
  let count = 0;
  for (const row of marksRead.all(child.studentId, child.schoolId) as MarkRow[]) {
    const facts = { day: row.day, periodId: String(row.periodId), publicationDay: row.publishesOn };
    const visibility = gradeVisibility(facts, settings, viewer, today);
    if (!visibility.visible) continue;
    const entered = row.enteredAt ?? row.updatedAt;
    if (new Date(entered) > now) continue;
    const modified =
      row.modifiedAt !== null &&
      new Date(row.modifiedAt) >= parisStartOfDay(visibility.since) &&
      new Date(row.modifiedAt) <= now;
    const valued =
      row.points !== null || (row.special !== null && Object.hasOwn(SPECIAL_MARKS, row.special));
    if (
      valued &&
      (isNewSince(gradePublishedAt(facts, settings, viewer, entered), previousLoginAt, now) ||
        (modified && isNewSince(new Date(row.modifiedAt!), previousLoginAt, now)))
    ) {
      count++;
    }
  }
  return count;
}

/** The vie scolaire tile: half-days of the current period with a processed absence the family sees. */
function absenceTile(child: Child, periods: Period[], today: string): string | null {
  const ofDay = periodsOfLevel(
    periods.filter((p) => p.startsOn <= today && today <= p.endsOn),
    child.level ?? '',
  );
  const period = periodOfDay(ofDay, today);
  if (!period) return null;
  const until = addDays(period.endsOn, 1) < today ? addDays(period.endsOn, 1) : today;
  const spans = (
    absencesRead.all(
      child.studentId,
      child.schoolId,
      parisStartOfDay(addDays(period.startsOn, -62)).toISOString(),
      parisStartOfDay(until).toISOString(),
    ) as { startsAt: string; endsAt: string }[]
  ).map((r) => ({ start: r.startsAt, end: r.endsAt }));
  const setting = settingRead.get(child.schoolId) as
    { middayBoundary: string | null; closedPeriods: string | null } | undefined;
  const settings = {
    ...DEFAULT_HALF_DAY_SETTINGS,
    middayBoundary: setting?.middayBoundary || DEFAULT_HALF_DAY_SETTINGS.middayBoundary,
    closedPeriods: setting?.closedPeriods ? JSON.parse(setting.closedPeriods) : [],
  };
  const halfDays = halfDaysBetween(spans, period.startsOn, period.endsOn, settings).length;
  const kind = periodKindOf(ofDay.map((p) => p.code));
  return absenceTileText(halfDays, PERIOD_KINDS[kind].name.toLowerCase());
}

interface Child {
  studentId: number;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  divisionCode: string | null;
  level: string | null;
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
  // The fiche de renseignements is the responsables' (readModels/home.ts).
  const keys = SERVICE_KEYS.filter(
    (k) => opened.includes(k) && (k !== 'fiche_renseignements' || account.kind !== 'student'),
  );
  const now = new Date();
  const today = parisDay(now);
  const periods = child ? (yearPeriodsRead.all(child.schoolId) as Period[]) : [];
  const tile = (k: (typeof keys)[number]) => {
    const page = PAGES[k];
    if (!page) {
      return `<li><strong>${text(SERVICES[k])}</strong><span class="p-soon">Bientôt disponible</span></li>`;
    }
    const link = `<strong><a href="${child ? `${page}?enfant=${child.studentId}` : page}">${text(SERVICES[k])}</a></strong>`;
    if (!child) return `<li>${link}</li>`;
    if (k === 'notes') {
      const viewer = account.kind === 'student' ? 'student' : 'parent';
      const n = newMarks(child, school, periods, viewer, account.previousLoginAt, today, now);
      return `<li${n ? ' class="p-service-new"' : ''}>${link}<span class="p-cue">${text(newItemsLabel(k, n))}</span></li>`;
    }
    const summary = k === 'vie_scolaire' ? absenceTile(child, periods, today) : null;
    return `<li>${link}${summary ? `<span class="p-tile">${text(summary)}</span>` : ''}</li>`;
  };
  const services = keys.length
    ? `<ul class="p-services">${keys.map(tile).join('')}</ul>`
    : '<p class="p-muted">L’établissement n’a pas encore ouvert de service en ligne.</p>';
  const last = account.previousLoginAt
    ? `Dernière connexion le ${frenchInstant(account.previousLoginAt)}.`
    : 'Première visite sur ce compte.';
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>Accueil — Services en ligne</title><link rel="stylesheet" href="/portail.css?v=${CSS_VERSION}"></head><body><div class="portail"><a class="p-skip" href="#contenu">Aller au contenu</a><header class="p-header"><div class="p-header-inner"><a class="p-brand" href="/accueil">Services en ligne</a><nav aria-label="Menu du compte"><ul class="p-nav"><li><a href="/aide">Aide</a></li><li><a href="/compte">Gérer mon compte</a></li><li><form action="/deconnexion" method="post"><input type="hidden" name="_csrf" value="${csrf}"/><button type="submit">Se déconnecter</button></form></li></ul></nav></div></header><main id="contenu" class="p-main" tabindex="-1"><h1>Accueil</h1><p>Bonjour ${text(hello)}. <span class="p-muted">${text(last)}</span></p>${switcher}<div class="p-grid">${childBlock}${schoolBlock}</div>${welcome}<section aria-labelledby="services-titre"><h2 id="services-titre">Vos services</h2>${services}</section></main><footer class="p-footer"><ul aria-label="Informations"><li><a href="/mentions-legales">Mentions légales</a></li><li><a href="/donnees-personnelles">Données personnelles</a></li><li><a href="/contact">Contact</a></li><li><a href="/aide">Aide</a></li></ul></footer></div></body></html>`;
}

/** The services built so far (readModels/home.ts); another opened one shows « bientôt disponible ». */
const PAGES: Partial<Record<(typeof SERVICE_KEYS)[number], string>> = {
  notes: '/notes',
  vie_scolaire: '/vie-scolaire',
  fiche_renseignements: '/fiche-renseignements',
};

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
