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
    const panel = document.createElement('div');
    panel.className = 'app-error';
    panel.setAttribute('data-testid', 'app-error');
    panel.textContent = 'kehoach không khởi động được · kehoach could not start: ' + error;
    document.body.appendChild(panel);
  });
