// Loads the WebAssembly workbench, then registers the offline cache. Kept in a file (not inline)
// so the Content-Security-Policy needs no 'unsafe-inline' for scripts.
import init from './kehoach.js';

init()
  .then(() => {
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('sw.js').catch((error) => console.warn('offline cache unavailable:', error));
    }
  })
  .catch((error) => {
    console.error(error);
    // A panic has shown its own panel (with its message) already.
    if (document.querySelector('[data-testid="app-error"]')) return;
    const panel = document.createElement('div');
    panel.className = 'app-error';
    panel.setAttribute('data-testid', 'app-error');
    panel.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = 'kehoach không khởi động được · kehoach could not start: ' + error;
    panel.appendChild(text);
    // Plain links: nothing here depends on the module that failed. "?start=list" opens the
    // draft list instead of the last draft (src/ui/drafts.rs, LIST_START).
    for (const [href, label, testid] of [
      [location.href, 'Tải lại · Reload', 'app-error-reload'],
      ['?start=list', 'Về danh sách bản nháp · Back to the draft list', 'app-error-drafts'],
    ]) {
      const link = document.createElement('a');
      link.href = href;
      link.className = 'button';
      link.textContent = label;
      link.setAttribute('data-testid', testid);
      panel.appendChild(link);
    }
    document.body.appendChild(panel);
  });
