import type { ReactNode } from 'react';
import type { InfoSheetView } from '../../../shared/api/portal';
import { childName } from '../components/childNames';
import { Notice, type FormState } from '../components/Form';
import {
  InfoSheetForm,
  InfoSheetLocked,
  InfoSheetTabs,
  InfoSheetValues,
  tabOf,
} from '../components/InfoSheetBlocks';
import { PortalFrame } from '../components/PortalFrame';

export interface InfoSheetPageProps {
  view: InfoSheetView;
  csrf: string;
  /** `eleve` or a guardian record's id; an unknown one shows the pupil's. */
  tab?: string;
  /** « Modifier » was chosen, or a post was refused. */
  editing?: boolean;
  state?: FormState;
  notice?: string;
  banner?: ReactNode;
  embedded?: boolean;
}

/**
 * « Fiche de renseignements » (SPEC §7, seed 000 « Mise à jour élève / responsable légal »):
 * a tab for the pupil and one per guardian record of this account; each shows the school's
 * values, what waits for review and what may not be changed online; « Modifier » opens the
 * form. Works without script: the tabs are links, the form posts with its token.
 */
export function InfoSheetPage({
  view,
  csrf,
  tab,
  editing,
  state,
  notice,
  banner,
  embedded,
}: InfoSheetPageProps) {
  const record = view.records.find((r) => tabOf(r) === tab) ?? view.records[0];
  const pupil = view.records.find((r) => r.record === 'student');
  // A compte joint holds both guardians' records (SPEC §7).
  const guardianCount = view.records.filter((r) => r.record === 'guardian').length;
  const valueOf = (field: string) => pupil?.fields.find((f) => f.field === field)?.value ?? '';
  const name = childName({ firstName: valueOf('firstName'), lastName: valueOf('lastName') });
  return (
    <PortalFrame
      title="Fiche de renseignements"
      signedIn={{ csrf }}
      banner={banner}
      embedded={embedded}
    >
      {notice && <Notice success>{notice}</Notice>}
      <p>
        <a href={`/accueil?enfant=${view.child}`}>Retour à l’accueil</a>
      </p>
      <p className="p-child">
        <strong>{name}</strong>
      </p>
      <p>
        Merci de vérifier les informations concernant l’élève et{' '}
        {guardianCount > 1 ? 'les responsables légaux' : 'le responsable légal'}. Si nécessaire,
        cliquez sur le bouton « Modifier » pour actualiser ces informations.
      </p>
      {record && (
        <>
          <InfoSheetTabs records={view.records} current={tabOf(record)} child={view.child} />
          <section className="p-card" aria-labelledby="fiche-titre">
            <h2 id="fiche-titre">{record.label}</h2>
            {record.blockedBecause && <Notice>{record.blockedBecause}</Notice>}
            {editing && !record.blockedBecause ? (
              <InfoSheetForm record={record} child={view.child} csrf={csrf} state={state} />
            ) : (
              <>
                <InfoSheetValues record={record} />
                {!record.blockedBecause && (
                  <p className="p-actions">
                    <a
                      className="p-button"
                      href={`/fiche-renseignements?enfant=${view.child}&onglet=${tabOf(record)}&modifier=1`}
                    >
                      Modifier
                    </a>
                  </p>
                )}
              </>
            )}
          </section>
          <InfoSheetLocked record={record} />
        </>
      )}
    </PortalFrame>
  );
}
