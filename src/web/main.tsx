import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { cssVariablesResolver, theme } from './app/theme.ts';
import { languageReady } from './i18n/index.ts';

const styleNonce = () => document.querySelector('meta[name=csp-nonce]')?.getAttribute('content') ?? '';

// Some helpers (scroll locking in dialogs) add <style> tags and look for the nonce under this name.
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = styleNonce();

// The chosen language's words first (Dutch is in the bundle; English or French are fetched).
void languageReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        getStyleNonce={styleNonce}
        defaultColorScheme="light"
      >
        <Notifications position="bottom-right" />
        <App />
      </MantineProvider>
    </StrictMode>,
  ),
);

// The installable app: a same-origin service worker keeps the app shell for the doorstep offline.
if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the app still works online; nothing to tell the user.
    });
  });
}
