import { ActionIcon, AppShell, Box, Burger, Button, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { STAFF_ROLE_LABELS } from '../../shared/domain/roles';
import { MainNavigation } from './components/MainNavigation';
import { useSearchShortcut } from './hooks/useSearchShortcut';
import { useSession } from './session';

const MAIN_ID = 'contenu';

/** Header, navigation and the routed page, with a skip link to reach the page directly. */
export function StaffShell() {
  const { session, signOut } = useSession();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const location = useLocation();
  useSearchShortcut();

  // On narrow windows the menu covers the page: close it once a page is chosen.
  useEffect(() => closeNav(), [location.pathname, closeNav]);

  // Opening a record from the keyboard unmounts the focused element; without this, focus
  // falls back to <body> and the next Tab starts again from the header.
  // Not on first display, where the skip link must remain the first Tab stop.
  const shownPath = useRef(location.pathname);
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    if (document.activeElement === null || document.activeElement === document.body) {
      document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
    }
  }, [location.pathname]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <a
        className="skip-link"
        href={`#${MAIN_ID}`}
        onClick={(event) => {
          // A plain anchor would change the hash, which is the router's: move focus instead.
          event.preventDefault();
          document.getElementById(MAIN_ID)?.focus();
        }}
      >
        Aller au contenu
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? 'Fermer le menu' : 'Ouvrir le menu'}
            />
            <Text fw={800} size="lg" c="indigo.9">
              Pupitre
            </Text>
            <Text size="sm" c="dimmed" truncate visibleFrom="xs">
              {session.school.name}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Box ta="right" visibleFrom="sm">
              <Text size="sm" fw={600} lh={1.2}>
                {session.displayName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {STAFF_ROLE_LABELS[session.role]}
              </Text>
            </Box>
            <Button variant="default" size="sm" visibleFrom="sm" onClick={() => void signOut()}>
              Se déconnecter
            </Button>
            {/* On a phone the words took a third of the header and left toasts ~80 px of text:
                the door icon keeps the button's name for screen readers and a tooltip. */}
            <ActionIcon
              variant="default"
              size="lg"
              hiddenFrom="sm"
              aria-label="Se déconnecter"
              title="Se déconnecter"
              onClick={() => void signOut()}
            >
              <SignOutIcon />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Navigation principale">
        {/* The menu grew past a laptop's height: it scrolls on its own, the page stays. */}
        <AppShell.Section grow component={ScrollArea} type="auto">
          <MainNavigation />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_ID} tabIndex={-1} bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** A door with an arrow leaving it, the usual sign for « Se déconnecter ». */
function SignOutIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M14 8V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h7a2 2 0 0 0 2-2v-2" />
      <path d="M9 12h12l-3-3m0 6 3-3" />
    </svg>
  );
}
