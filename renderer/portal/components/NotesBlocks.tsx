import type { NotesMark, NotesPeriod, NotesSubject } from '../../../shared/api/portal';
import { EXPLANATION_TITLE } from '../../../shared/domain/grades/explainAverage';
import { SPECIAL_MARKS } from '../../../shared/domain/grades/marks';
import { formatDate } from '../../ui/format';
import { frenchInstant } from './format';
import { newCountLabel } from './newLabels';

const NBSP = '\u00a0';

/** The anchor of a subject's detail, from its six-digit code. */
export const subjectAnchor = (code: string) => `matiere-${code.replace(/[^A-Za-z0-9_-]/g, '')}`;

/** One link a period (no script: a link reloads the page for that period). */
export function PeriodChooser({
  periods,
  current,
  childId,
}: {
  periods: NotesPeriod[];
  current: number | null;
  childId: number;
}) {
  if (periods.length === 0) return null;
  return (
    <nav aria-label="Choisir la période">
      <ul className="p-switcher">
        {periods.map((p) => {
          // « Trimestre 1 · 1 nouvelle »: the home tile counts the year's new marks, and a late
          // mark of an earlier period would otherwise be hidden behind its button.
          const label =
            p.newCount > 0 ? `${p.label}${NBSP}·${NBSP}${newCountLabel(p.newCount)}` : p.label;
          return (
            <li key={p.id} className={p.newCount > 0 ? 'n-period-new' : undefined}>
              {p.id === current ? (
                <span aria-current="page">{label}</span>
              ) : (
                <a href={`/notes?enfant=${childId}&periode=${p.id}`}>{label}</a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** « Comment est calculée cette moyenne ? »: opens without script (<details>). */
export function AverageExplanation({ paragraphs }: { paragraphs: string[] }) {
  return (
    <details className="n-explain">
      <summary>{EXPLANATION_TITLE}</summary>
      {paragraphs.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </details>
  );
}

/**
 * The subjects as tiles (seed 003 §3.5): orange where a mark is new since the previous login,
 * with the words « 2 nouvelles » as well as the colour; violet otherwise. Each leads to its
 * table further down.
 */
export function SubjectTiles({ subjects }: { subjects: NotesSubject[] }) {
  return (
    <ul className="n-tiles" aria-label="Matières">
      {subjects.map((s) => (
        <li key={s.code} className={s.newCount > 0 ? 'n-tile n-tile-new' : 'n-tile'}>
          <a href={`#${subjectAnchor(s.code)}`}>
            <span className="n-tile-subject">{s.label}</span>
            {s.newCount > 0 && <span className="n-badge">{newCountLabel(s.newCount)}</span>}
          </a>
          <span className="n-tile-teachers">
            {s.teachers.join(', ') || 'Professeur non renseigné'}
          </span>
          <span className="n-tile-average">
            Moyenne&nbsp;: <strong>{s.average.display}</strong>
          </span>
        </li>
      ))}
    </ul>
  );
}

function MarkCell({ mark }: { mark: NotesMark }) {
  const special = Object.values(SPECIAL_MARKS).find((k) => k.label === mark.mark);
  return (
    <span>
      {mark.cleared ? (
        <span>—</span>
      ) : special ? (
        <abbr title={special.meaning}>{mark.mark}</abbr>
      ) : (
        <strong>{mark.mark}</strong>
      )}
      {mark.modifiedAt && (
        <span className="n-modified">
          {mark.cleared ? 'effacée' : 'modifiée'} le {frenchInstant(mark.modifiedAt)}
        </span>
      )}
    </span>
  );
}

/** A subject's marks of the period (seed 000: « Date | Note | Moyenne | Min | Max | Coeff. »). */
export function SubjectDetail({ subject }: { subject: NotesSubject }) {
  const id = subjectAnchor(subject.code);
  return (
    <section
      id={id}
      className={subject.newCount > 0 ? 'p-card n-subject n-subject-new' : 'p-card n-subject'}
      aria-labelledby={`${id}-titre`}
    >
      <h2 id={`${id}-titre`}>{subject.label}</h2>
      <p className="p-muted">{subject.teachers.join(', ') || 'Professeur non renseigné'}</p>
      {subject.marks.length === 0 ? (
        <p>Aucune note publiée pour cette période.</p>
      ) : (
        <table className="n-table">
          <caption className="n-sr">Notes — {subject.label}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Devoir</th>
              <th scope="col">Note</th>
              <th scope="col">Moyenne de la classe</th>
              <th scope="col">Min</th>
              <th scope="col">Max</th>
              <th scope="col">Coeff.</th>
            </tr>
          </thead>
          <tbody>
            {subject.marks.map((m) => (
              <tr key={m.assessmentId} className={m.isNew ? 'n-row-new' : undefined}>
                <td data-label="Date">{formatDate(m.day)}</td>
                <td data-label="Devoir">
                  <span>
                    {m.label}
                    {m.optional && <span className="n-tag">facultatif</span>}
                    {m.isNew && <span className="n-tag n-tag-new">nouvelle</span>}
                  </span>
                </td>
                <td data-label="Note">
                  <MarkCell mark={m} />
                </td>
                <td data-label="Moyenne de la classe">{m.classAverage}</td>
                <td data-label="Min">{m.lowest}</td>
                <td data-label="Max">{m.highest}</td>
                <td data-label="Coeff.">{m.coefficient}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="n-average">
        Moyenne de la matière&nbsp;: <strong>{subject.average.display}</strong>
        {subject.coefficient !== '1' && (
          <span className="p-muted"> (coefficient {subject.coefficient})</span>
        )}
      </p>
      <AverageExplanation paragraphs={subject.average.explanation} />
    </section>
  );
}
