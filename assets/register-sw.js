// Registers the service worker on http(s) pages only, scoped to the app's own folder (found from
// this script's own URL, not the host page's), and tells the app (event "deal-prep-update") when
// a new build is ready. The app's "Reload" sends "deal-prep-apply-update": the waiting worker
// takes over, then the page reloads into the new build.
(function () {
  // Content-Security-Policy violations are counted for the tests (and for anyone debugging).
  window.dealPrepCspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.dealPrepCspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
  const here = (document.currentScript && document.currentScript.src) || location.href;
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
  let registration = null;
  window.addEventListener('deal-prep-apply-update', () => {
    const waiting = registration && registration.waiting;
    if (!waiting) return location.reload();
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload());
    waiting.postMessage('deal-prep-skip-waiting');
  });
  navigator.serviceWorker.register(new URL('sw.js', here).href, { scope: new URL('./', here).href }).then((reg) => {
    registration = reg;
    if (reg.waiting && controlled()) announce();
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
    // Engines differ in when they look for a new worker; ask now, on every visit.
    return reg.update();
  }).catch(() => { /* no offline support here (e.g. private mode); the app works online */ });
})();
