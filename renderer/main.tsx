import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/global.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { RouterProvider } from 'react-router-dom';
import { cssVariablesResolver, theme } from './ui/theme';
import { staffRouter } from './staff/router';
import { showNewestToastOnly } from './ui/newestToast';

const container = document.getElementById('root');
if (!container) throw new Error('Élément #root introuvable dans index.html.');
showNewestToastOnly();

createRoot(container).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      {/* In the header's free middle (global.css .staff-toasts): at the top right a toast covered
          the user's name and « Se déconnecter » (issue 13 §3); at the bottom, the roll's rows
          and its save button on a phone. One at a time: two stacked covered the page's title. */}
      <Notifications position="top-right" className="staff-toasts" limit={1} />
      <RouterProvider router={staffRouter} />
    </MantineProvider>
  </StrictMode>,
);
