// Imports spreadsheets off the page's thread: the same WebAssembly module, loaded in a worker,
// reads and understands the workbook while the page stays responsive. A failure inside the
// reader ends here, as a message, not as a dead page.
import init, { kehoach_import } from './kehoach.js';

const ready = init();

self.onmessage = async (event) => {
  const { id, bytes, options } = event.data;
  try {
    await ready;
    self.postMessage({ id, stage: 'reading' });
    const reply = kehoach_import(new Uint8Array(bytes), options);
    self.postMessage({ id, reply });
  } catch (error) {
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
