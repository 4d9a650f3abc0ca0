// Registers the service worker on http(s) pages only, scoped to the app's own folder, and tells
// the app (event "deal-prep-update") when a new build is ready for the next visit.
(function () {
  try {
    // Throws in sandboxed frames without an origin of their own.
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker || !/^https?:$/.test(location.protocol)) return;
  } catch (e) {
    return;
  }
  const announce = () => window.dispatchEvent(new CustomEvent('deal-prep-update'));
  navigator.serviceWorker.register('./sw.js', { scope: './' }).then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) announce();
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce();
      });
    });
  }).catch(() => { /* no offline support here (e.g. private mode); the app works online */ });
})();
