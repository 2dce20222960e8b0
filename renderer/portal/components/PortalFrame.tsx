import type { ReactNode } from 'react';
import { CsrfField } from './Form';

export interface SignedIn {
  csrf: string;
  /** Before the first connection or the address's confirmation: no account page yet. */
  limited?: boolean;
}

export interface PortalFrameProps {
  title: string;
  /** Null on the pages one reaches before logging in. */
  signedIn: SignedIn | null;
  /** Shown above the page by the staff preview. */
  banner?: ReactNode;
  /**
   * Inside the staff window (the preview): the same page, without its own landmarks (the
   * window has its header and main already) and without the skip link.
   */
  embedded?: boolean;
  children: ReactNode;
}

/**
 * Every portal page: header (« aide | gérer mon compte | se déconnecter », SPEC §9), the
 * page, and the footer the guides show (mentions légales, données personnelles, contact,
 * aide). Works without script: logout is a form that posts.
 */
export function PortalFrame({ title, signedIn, banner, embedded, children }: PortalFrameProps) {
  const Header = embedded ? 'div' : 'header';
  const Main = embedded ? 'div' : 'main';
  const Footer = embedded ? 'div' : 'footer';
  const Nav = embedded ? 'div' : 'nav';
  return (
    <div className={embedded ? 'portail portail-embedded' : 'portail'}>
      {!embedded && (
        <a className="p-skip" href="#contenu">
          Aller au contenu
        </a>
      )}
      {banner}
      <Header className="p-header">
        <div className="p-header-inner">
          <a className="p-brand" href={signedIn ? '/accueil' : '/'}>
            Services en ligne
          </a>
          <Nav aria-label={embedded ? undefined : 'Menu du compte'}>
            <ul className="p-nav">
              <li>
                <a href="/aide">Aide</a>
              </li>
              {signedIn && !signedIn.limited && (
                <li>
                  <a href="/compte">Gérer mon compte</a>
                </li>
              )}
              {signedIn && (
                <li>
                  <form method="post" action="/deconnexion">
                    <CsrfField token={signedIn.csrf} />
                    <button type="submit">Se déconnecter</button>
                  </form>
                </li>
              )}
            </ul>
          </Nav>
        </div>
      </Header>
      <Main
        id={embedded ? undefined : 'contenu'}
        className="p-main"
        tabIndex={embedded ? undefined : -1}
      >
        <h1>{title}</h1>
        {children}
      </Main>
      <Footer className="p-footer">
        <ul aria-label="Informations">
          <li>
            <a href="/mentions-legales">Mentions légales</a>
          </li>
          <li>
            <a href="/donnees-personnelles">Données personnelles</a>
          </li>
          <li>
            <a href="/contact">Contact</a>
          </li>
          <li>
            <a href="/aide">Aide</a>
          </li>
        </ul>
      </Footer>
    </div>
  );
}
