// Registers the service worker on http(s) pages only, scoped to the app's own folder, and tells
// the app (event "deal-prep-update") when a new build is ready for the next visit.
(function () {
  try {
    // Throws in sandboxed frames without an origin of their own.
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker || !/^https?:$/.test(location.protocol)) return;
  } catch (e) {
    return;
  }
  // The flag covers an update found before the app listens.
  const announce = () => {
    window.dealPrepUpdateReady = true;
    window.dispatchEvent(new CustomEvent('deal-prep-update'));
  };
  const controlled = () => !!navigator.serviceWorker.controller;
  const watch = (worker) => {
    if (!worker) return;
    if (worker.state === 'installed' && controlled()) announce();
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && controlled()) announce();
    });
  };
  navigator.serviceWorker.register('./sw.js', { scope: './' }).then((reg) => {
    if (reg.waiting && controlled()) announce();
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
    // Engines differ in when they look for a new worker; ask now, on every visit.
    return reg.update();
  }).catch(() => { /* no offline support here (e.g. private mode); the app works online */ });
})();
