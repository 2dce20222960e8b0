import type { ReactNode } from 'react';
import {
  JUSTIFICATION_COMMENT_MAX,
  JUSTIFICATION_STATUS_LABELS,
  type FamilySchoolLifeEvent,
  type FamilySchoolLifeView,
} from '../../../shared/api/portal';
import { childNames, childName } from '../components/childNames';
import { CsrfField, ErrorSummary, Notice, type FormState } from '../components/Form';
import { ChildSwitcher } from '../components/HomeBlocks';
import { PortalFrame } from '../components/PortalFrame';
import { frenchInstant } from '../components/format';
import { monthInWords, weekdayDate } from '../../../shared/domain/frenchDates';
import { parisClockWords, parisDay } from '../../../shared/domain/publication/parisDays';

/** An instant's Paris day, « lun. 23/11/2026 », on the app's one Paris clock. */
const parisWeekdayDate = (instant: string) => weekdayDate(parisDay(instant));
/**
 * When an event happened, in French: « lun. 23/11/2026, de 8 h à 12 h »; a retard says how
 * late the pupil came (the roll stores the slot's start and the arrival), never the slot's
 * start alone, which would read as the time the pupil came.
 */
function when(event: FamilySchoolLifeEvent): string {
  const startDay = parisWeekdayDate(event.startsAt);
  const endDay = parisWeekdayDate(event.endsAt);
  const [from, to] = [parisClockWords(event.startsAt), parisClockWords(event.endsAt)];
  if (event.kind === 'lateness') {
    if (event.minutes === null) return `${startDay} à\u00a0${from}`;
    const late = `retard de ${event.minutes}\u00a0min`;
    return event.endsAt > event.startsAt
      ? `${startDay}, arrivée à\u00a0${to} (${late})`
      : `${startDay}, ${late}`;
  }
  if (event.kind !== 'absence') return startDay;
  if (startDay === endDay) return `${startDay}, de\u00a0${from} à\u00a0${to}`;
  return `du ${startDay} à\u00a0${from} au ${endDay} à\u00a0${to}`;
}

const halfDaysText = (n: number) => (n === 1 ? '1 demi-journée' : `${n} demi-journées`);

export interface JustifyFormState extends FormState {
  eventId: number;
}

export interface SchoolLifePageProps {
  view: FamilySchoolLifeView;
  csrf: string;
  notice?: string;
  /** A refused justification: the form opens again with what was typed and why. */
  state?: JustifyFormState;
  /** The staff preview's banner. */
  banner?: ReactNode;
  embedded?: boolean;
}

/**
 * « Vie scolaire » for one child (seed 000 « Les Absences », SPEC §6): the month's weeks
 * (« Numéro semaine | Du | Au | Nombre de demi-journées », latest first), then the month's
 * events the school has published, and for a responsable, the form to justify an absence.
 * Works without script: the month is a GET form, the justification a POST with its token.
 */
export function SchoolLifePage({
  view,
  csrf,
  notice,
  state,
  banner,
  embedded,
}: SchoolLifePageProps) {
  const { child } = view;
  const name = childNames(view.children).get(child.studentId) ?? childName(child);
  return (
    <PortalFrame title="Vie scolaire" signedIn={{ csrf }} banner={banner} embedded={embedded}>
      {notice && <Notice success>{notice}</Notice>}
      <p>
        <a href={`/accueil?enfant=${child.studentId}`}>Retour à l’accueil</a>
      </p>
      <ChildSwitcher list={view.children} current={child.studentId} page="/vie-scolaire" />
      <p className="p-child">
        <strong>{name}</strong>
        {child.divisionCode && <span>{child.divisionCode}</span>}
      </p>
      <form method="get" action="/vie-scolaire" className="p-inline-form">
        <input type="hidden" name="enfant" value={child.studentId} />
        <div className="p-field">
          <label htmlFor="champ-mois">Mois</label>
          <select id="champ-mois" name="mois" defaultValue={view.month}>
            {(view.months.includes(view.month) ? view.months : [view.month, ...view.months]).map(
              (m) => (
                <option key={m} value={m}>
                  {monthInWords(m)}
                </option>
              ),
            )}
          </select>
        </div>
        <button type="submit" className="p-button p-button-secondary">
          Afficher
        </button>
      </form>
      <AbsenceWeeks view={view} />
      <EventList view={view} csrf={csrf} state={state} />
    </PortalFrame>
  );
}

/** « lun. 21/02/2011 »; the year (the caption's already) gives way on a phone. */
function WeekDay({ day }: { day: string }) {
  const text = weekdayDate(day);
  return (
    <>
      {text.slice(0, -5)}
      <span className="p-year">{text.slice(-5)}</span>
    </>
  );
}

function AbsenceWeeks({ view }: { view: FamilySchoolLifeView }) {
  return (
    <section aria-labelledby="absences-titre">
      <h2 id="absences-titre">Absences</h2>
      <p className="p-muted">
        Le nombre par semaine des demi-journées où au moins une absence a été signalée et traitée
        par la vie scolaire.
      </p>
      {view.weeks.length === 0 ? (
        <p>
          Aucune semaine de ce mois n’a encore commencé : une semaine compte dans le mois de son
          lundi.
        </p>
      ) : (
        <table className="p-weeks">
          <caption className="p-muted">Absences de {monthInWords(view.month)}</caption>
          <thead>
            <tr>
              <th scope="col">Semaine</th>
              <th scope="col">Du</th>
              <th scope="col">Au</th>
              <th scope="col" className="p-number">
                Demi-journées
              </th>
            </tr>
          </thead>
          <tbody>
            {view.weeks.map((w) => (
              <tr key={w.from}>
                <td>{w.isoWeek}</td>
                <td>
                  <WeekDay day={w.from} />
                </td>
                <td>
                  <WeekDay day={w.to} />
                </td>
                <td className="p-number">{w.halfDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EventList({
  view,
  csrf,
  state,
}: {
  view: FamilySchoolLifeView;
  csrf: string;
  state: JustifyFormState | undefined;
}) {
  return (
    <section aria-labelledby="evenements-titre">
      <h2 id="evenements-titre">Évènements du mois</h2>
      {view.events.length === 0 ? (
        <p className="p-muted">Aucun évènement publié pour ce mois.</p>
      ) : (
        <ul className="p-events">
          {view.events.map((event) => (
            <li key={event.id}>
              <EventItem
                event={event}
                view={view}
                csrf={csrf}
                state={state?.eventId === event.id ? state : undefined}
              />
            </li>
          ))}
        </ul>
      )}
      <p className="p-muted">
        Un évènement apparaît ici le lendemain du jour où il a eu lieu, une fois publié par
        l’établissement.
      </p>
    </section>
  );
}

function EventItem({
  event,
  view,
  csrf,
  state,
}: {
  event: FamilySchoolLifeEvent;
  view: FamilySchoolLifeView;
  csrf: string;
  state: JustifyFormState | undefined;
}) {
  const j = event.justification;
  return (
    <>
      <p>
        <span className="p-event-kind">{event.sanction ?? event.kindLabel}</span> — {when(event)}
      </p>
      <dl className="p-data">
        {event.kind === 'absence' && (
          <>
            <dt>Durée</dt>
            <dd>{halfDaysText(event.halfDays)}</dd>
          </>
        )}
        {event.motif && (
          <>
            <dt>Motif</dt>
            <dd>{event.motif}</dd>
          </>
        )}
        {(event.kind === 'absence' || event.kind === 'lateness') && (
          <>
            <dt>Justification</dt>
            <dd>{event.justified ? 'Justifiée' : 'Non justifiée'}</dd>
          </>
        )}
      </dl>
      {j && (
        <p>
          Justificatif envoyé le {frenchInstant(j.submittedAt)} ({j.motif}) :{' '}
          <span className={`p-status p-status-${j.status}`}>
            {JUSTIFICATION_STATUS_LABELS[j.status]}
          </span>
          {j.decisionComment && <> — « {j.decisionComment} »</>}
        </p>
      )}
      {view.mayJustify && event.justifiable && (
        <JustifyForm event={event} view={view} csrf={csrf} state={state} />
      )}
    </>
  );
}

function JustifyForm({
  event,
  view,
  csrf,
  state,
}: {
  event: FamilySchoolLifeEvent;
  view: FamilySchoolLifeView;
  csrf: string;
  state: JustifyFormState | undefined;
}) {
  const id = (field: string) => `justifier-${event.id}-${field}`;
  if (view.motifs.length === 0) {
    return (
      <p className="p-muted">
        L’établissement ne propose pas de justifier en ligne : contactez la vie scolaire.
      </p>
    );
  }
  return (
    <details open={state !== undefined}>
      <summary>Justifier cette absence</summary>
      <form method="post" action="/vie-scolaire/justifier">
        <CsrfField token={csrf} />
        <input type="hidden" name="child" value={view.child.studentId} />
        <input type="hidden" name="event" value={event.id} />
        <input type="hidden" name="mois" value={view.month} />
        <ErrorSummary state={state} fieldIds={{ motif: id('motif'), comment: id('comment') }} />
        <div className="p-field">
          <label htmlFor={id('motif')}>Motif (obligatoire)</label>
          <select
            id={id('motif')}
            name="motif"
            required
            defaultValue={state?.values?.motif ?? ''}
            aria-invalid={state?.errors?.motif ? true : undefined}
          >
            <option value="">Choisissez un motif</option>
            {view.motifs.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="p-field">
          <label htmlFor={id('comment')}>Commentaire (facultatif)</label>
          <p className="p-hint" id={`aide-${id('comment')}`}>
            {JUSTIFICATION_COMMENT_MAX} caractères au plus. La vie scolaire accepte ou refuse le
            justificatif ; sa réponse s’affichera ici.
          </p>
          <textarea
            id={id('comment')}
            name="comment"
            rows={3}
            maxLength={JUSTIFICATION_COMMENT_MAX}
            aria-describedby={`aide-${id('comment')}`}
            aria-invalid={state?.errors?.comment ? true : undefined}
            defaultValue={state?.values?.comment ?? ''}
          />
        </div>
        <button type="submit" className="p-button">
          Envoyer le justificatif
        </button>
      </form>
    </details>
  );
}
