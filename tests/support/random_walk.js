// The random walk of the end-to-end journey `a_random_walk_never_crashes_and_loses_nothing`,
// installed into the page as `window.dpWalk` (again after each reload).
//
// `dpWalk.steps(seed, n, done)`: `n` steps from the seeded generator's state (kept on the page
// between calls), each one control of the app picked at random and used as a person would —
// a link or button clicked, a box ticked, an option picked, a date set, text typed (hostile
// text and long pastes among it, cut at the field's maxlength as the browser cuts what is
// typed or pasted), sometimes a form submitted with Enter or the browser's Back.
// `dpWalk.snapshot()`: what the view shows and holds — its text, every control's value and
// tick — without what only says what just happened (the score's "Why it moved", which a
// reload clears), and with the relative times ("in 5 min") that move while the test runs
// blanked.
window.dpWalk = window.dpWalk || (() => {
  let state = 0;
  // mulberry32: a small seeded generator, so a failing walk can be run again.
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (items) => items[Math.floor(random() * items.length)];
  const words = [
    'Acme', 'Pilot on two farms', '<img src=x onerror="document.title=1">', '', ' ',
    '\u202eRTL text', 'Launch 🚀', 'first line\nsecond line', '"quoted" & <b>tags</b>',
    'Budget?', 'x'.repeat(1500), 'Ünïcode ß', '__proto__',
  ];
  // Leaving the app or opening a browser dialog is not part of the walk: downloads, printing,
  // the clipboard, a reload (the update notice's "Reload": a worker the browser installed
  // again can bring it up in a walk). ("Delete all data" stays: it needs the word typed
  // first, which the walk is unlikely to do.)
  const skipped = /^(Export|Download|Print|Add to calendar|Copy|Reload)/;
  const errors = [];
  window.addEventListener('error', (e) => errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
  window.confirm = () => true;

  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  const use = (el) => {
    const tag = el.tagName;
    if (tag === 'SELECT') {
      el.selectedIndex = Math.floor(random() * el.options.length);
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (tag === 'INPUT' && (el.type === 'date' || el.type === 'datetime-local')) {
      const offset = Math.floor(random() * 40) - 20;
      el.value = el.type === 'date' ? day(offset) : `${day(offset)}T${pick(['09:00', '14:30'])}`;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (tag === 'TEXTAREA' || (tag === 'INPUT' && !['checkbox', 'radio', 'submit', 'button'].includes(el.type))) {
      el.focus();
      let text = random() < 0.5 ? pick(words) : el.value + pick(words);
      if (el.maxLength > 0) text = text.slice(0, el.maxLength);
      el.value = text;
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      if (random() < 0.3 && el.form) el.form.requestSubmit();
    } else {
      el.click();
    }
  };
  const steps = (seed, n, done) => {
    if (state === 0) state = seed >>> 0;
    const log = [];
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    (async () => {
      for (let i = 0; i < n; i++) {
        const root = document.querySelector('.deal-prep');
        if (!root || document.querySelector('.dp-crash')) break;
        const controls = [...root.querySelectorAll('a[href^="#"], button, input, textarea, select, summary')]
          .filter((el) => !el.disabled && el.type !== 'file' && el.getClientRects().length > 0
            && !skipped.test((el.textContent || '').trim()));
        if (controls.length === 0) break;
        const el = pick(controls);
        log.push(`${el.tagName.toLowerCase()}${el.name ? `[${el.name}]` : ''} ${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}`);
        // Kept where a page that unloaded mid-walk can still be asked what it did last.
        sessionStorage.setItem('dp-walk-last', `${location.hash} ${log[log.length - 1]}`);
        try {
          use(el);
        } catch (e) {
          errors.push(`${log[log.length - 1]}: ${e}`);
        }
        // Back within the app only (the walk's first page has no hash). Back is asynchronous:
        // the walk waits for it to land (at most a second), or a second Back taken before the
        // first landed could leave the app.
        if (random() < 0.03 && location.hash !== '') {
          const landed = new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
          sessionStorage.setItem('dp-walk-last', `${sessionStorage.getItem('dp-walk-last')}, then Back`);
          history.back();
          await Promise.race([landed, sleep(1000)]);
        }
        await sleep(15);
      }
      done({ log, errors: errors.splice(0), crashed: !!document.querySelector('.dp-crash') });
    })();
  };
  const snapshot = () => {
    const main = document.querySelector('.deal-prep .dp-main');
    if (!main) return '(no view)';
    const controls = [...main.querySelectorAll('input, textarea, select')].map((el) => {
      const name = el.name || el.getAttribute('aria-label') || el.tagName;
      const value = el.type === 'checkbox' || el.type === 'radio' ? String(el.checked) : el.value;
      return `${name}=${value}`;
    });
    const shown = main.cloneNode(true);
    shown.querySelectorAll('.dp-score__why').forEach((el) => el.remove());
    // A call's relative time ("in 1 min", "now", "1 min ago") moves on with the clock, not
    // with anything the walk did.
    shown.querySelectorAll('.dp-next__when').forEach((el) => { el.textContent = '(when)'; });
    return [shown.textContent, ...controls].join('\n');
  };
  return { steps, snapshot };
})();
