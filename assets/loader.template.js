// Deal Prep's stable loader, dist/deal-prep.js (its name never changes; serve it with a short
// cache lifetime). A host page needs two lines, the same for every version:
//   <script type="module" src="/tools/deal-prep/deal-prep.js"></script>
//   <deal-prep namespace="team-a"></deal-prep>
// It finds its own folder, adds this build's style sheets (every rule is scoped to .deal-prep),
// registers the service worker for that folder only, loads the hashed JS and wasm, and the app
// mounts every <deal-prep> (and <div id="deal-prep">) on the page. The names below are filled in
// by scripts/embed-pages.sh at build time.
const base = new URL('./', import.meta.url);
const at = (file) => new URL(file, base).href;
if (!customElements.get('deal-prep')) customElements.define('deal-prep', class extends HTMLElement {});
for (const css of __CSS__) {
  if (![...document.styleSheets].some((s) => s.href === at(css))) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = at(css);
    document.head.append(link);
  }
}
const sw = document.createElement('script');
sw.src = at('__SW__');
document.head.append(sw);
const { default: init } = await import(at('__JS__'));
await init({ module_or_path: at('__WASM__') });
