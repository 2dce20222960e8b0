import type { ReactNode } from 'react';
import type { NotesView } from '../../../shared/api/portal';
import { childNames, de } from '../components/childNames';
import { ChildSwitcher } from '../components/HomeBlocks';
import {
  AverageExplanation,
  PeriodChooser,
  SubjectDetail,
  SubjectTiles,
} from '../components/NotesBlocks';
import { newItemsLabel } from '../components/newLabels';
import { PortalFrame } from '../components/PortalFrame';

export interface NotesPageProps {
  view: NotesView;
  csrf: string;
  /** The staff preview's banner. */
  banner?: ReactNode;
  /** Rendered inside the staff window (the preview). */
  embedded?: boolean;
}

/**
 * « Notes » (SPEC §5, issue 16 §6): the period chooser, the subjects as tiles, the general
 * average, then each subject's table with its average. Only what the publication module lets
 * this viewer see on that day; the averages are those of the visible marks.
 */
export function NotesPage({ view, csrf, banner, embedded }: NotesPageProps) {
  const { child, period } = view;
  const name = childNames(view.children).get(child.studentId) ?? child.firstName;
  return (
    <PortalFrame title="Notes" signedIn={{ csrf }} banner={banner} embedded={embedded}>
      <p>
        <a href={`/accueil?enfant=${child.studentId}`}>Retour à l’accueil</a>
      </p>
      <ChildSwitcher list={view.children} current={child.studentId} page="/notes" />
      <p className="n-who">
        {view.accountKind === 'student' ? 'Vos notes' : `Notes ${de(name)}${name}`}
        {child.divisionCode ? ` — ${child.divisionCode}` : ''}
      </p>
      <PeriodChooser
        periods={view.periods}
        current={period?.id ?? null}
        childId={child.studentId}
      />
      {!period ? (
        <p className="p-notice">
          L’établissement n’a pas encore fixé les périodes de l’année&nbsp;: aucune note à afficher.
        </p>
      ) : (
        <>
          <h2 className="n-period">{period.label}</h2>
          {view.newCount > 0 && (
            <p className="n-news">
              {newItemsLabel('notes', view.newCount)} depuis votre dernière connexion.
            </p>
          )}
          <section className="p-card n-general" aria-labelledby="moyenne-generale">
            <h2 id="moyenne-generale">
              Moyenne générale&nbsp;: <strong>{view.general.display}</strong>
            </h2>
            <AverageExplanation paragraphs={view.general.explanation} />
          </section>
          {view.subjects.length === 0 ? (
            <p>Aucune matière n’est encore enregistrée pour cette classe.</p>
          ) : (
            <>
              <SubjectTiles subjects={view.subjects} />
              {view.subjects.map((s) => (
                <SubjectDetail key={s.code} subject={s} />
              ))}
            </>
          )}
        </>
      )}
    </PortalFrame>
  );
}
