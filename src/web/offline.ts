/**
 * Asks the service worker to keep every script and style this tab has loaded (the pages opened, the
 * words of the chosen language), so what was opened online opens offline too. The worker keeps the
 * files the page names when it installs, and what it sees fetched after; a page fetched before the
 * worker was there (the first visit) it would otherwise never have.
 */
export async function keepLoadedFiles(): Promise<void> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const registration = await navigator.serviceWorker.ready;
  const urls = new Set(
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((pathname) => pathname.startsWith('/assets/')),
  );
  registration.active?.postMessage({ type: 'keep', urls: [...urls] });
}
