import type { ReactNode } from 'react';
import type { FamilyView } from '../../../shared/api/portal';
import { Notice } from '../components/Form';
import {
  ChildBlock,
  ChildSwitcher,
  SchoolBlock,
  ServicesMenu,
  WelcomeMessage,
} from '../components/HomeBlocks';
import { frenchInstant } from '../components/format';
import { PortalFrame } from '../components/PortalFrame';

export interface HomePageProps {
  view: FamilyView;
  csrf: string;
  notice?: string;
  /** The staff preview's banner (« Aperçu : ce que voit … »). */
  banner?: ReactNode;
  /** Rendered inside the staff window (the preview). */
  embedded?: boolean;
}

/** The portal's home (SPEC §9): switcher, child block, school block, welcome, services. */
export function HomePage({ view, csrf, notice, banner, embedded }: HomePageProps) {
  const { account, child } = view;
  return (
    <PortalFrame title="Accueil" signedIn={{ csrf }} banner={banner} embedded={embedded}>
      {notice && <Notice success>{notice}</Notice>}
      <p>
        Bonjour {account.kind === 'student' && child ? child.firstName : account.displayName}.{' '}
        {account.previousLoginAt ? (
          <span className="p-muted">
            Dernière connexion le {frenchInstant(account.previousLoginAt)}.
          </span>
        ) : (
          <span className="p-muted">Première visite sur ce compte.</span>
        )}
      </p>
      <ChildSwitcher list={view.children} current={child?.studentId ?? null} />
      <div className="p-grid">
        {child ? (
          <ChildBlock
            child={child}
            siblings={view.children}
            reportHref={
              account.kind === 'guardian' ? `/enfant/signaler?enfant=${child.studentId}` : null
            }
          />
        ) : (
          <section className="p-card">
            <h2>Aucun enfant</h2>
            <p>
              Aucun élève n’est rattaché à ce compte pour l’instant. Contactez l’établissement si
              c’est une erreur.
            </p>
          </section>
        )}
        {view.school && <SchoolBlock school={view.school} />}
      </div>
      <WelcomeMessage view={view} />
      <ServicesMenu services={view.services} />
    </PortalFrame>
  );
}
