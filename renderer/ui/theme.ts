import type { CSSVariablesResolver } from '@mantine/core';
import { createTheme } from '@mantine/core';

/**
 * Mantine's default shades (blue 6 buttons, gray 6 "dimmed" text, red 6 errors) fall below
 * the WCAG AA 4.5:1 contrast ratio on white; these darker shades pass it.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 5 },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // Icon-only close buttons need a spoken name (axe "button-name").
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Fermer' } } },
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Fermer la notification' } },
      // Under a title Mantine writes the message in gray 6 (3.3:1 on white): gray 7 passes AA.
      styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    },
    // Mantine cuts a badge short in a narrow cell (« E… » for « Envoyé »): a state is never
    // cut, it wraps between its words and the cell makes room (issue 13 §3).
    Badge: {
      styles: {
        root: { overflow: 'visible', height: 'auto', minHeight: 'var(--badge-height)' },
        label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'normal' },
      },
    },
    // A <header> in a dialog counts as a second "banner" landmark next to the application's.
    ModalHeader: { defaultProps: { component: 'div' } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    // Text of "light" alerts and badges sits on a tinted background: darker shades keep 4.5:1.
    // Red 9 falls just short (4.48:1) on a light red alert over the gray page background.
    '--mantine-color-red-light-color': '#a61e1e',
    '--mantine-color-orange-light-color': '#9a3708',
    '--mantine-color-yellow-light-color': '#7a5a00',
    // Green 9 reaches only 3.7:1 on a light green alert.
    '--mantine-color-green-light-color': '#1b5e28',
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    '--mantine-color-indigo-light-color': 'var(--mantine-color-indigo-9)',
  },
  dark: {},
});
