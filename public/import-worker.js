// Reads and writes spreadsheets off the page's thread, with a WebAssembly module of its own
// (kehoach_io: calamine and rust_xlsxwriter), loaded on first use. The page stays responsive on
// large sheets, and a failure inside a reader ends here, as a message, not as a dead page.
import init, { kehoach_import, kehoach_export_xlsx } from './kehoach_io.js';

const ready = init();

self.onmessage = async (event) => {
  const { id, kind } = event.data;
  try {
    await ready;
    self.postMessage({ id, stage: 'working' });
    if (kind === 'export') {
      const bytes = kehoach_export_xlsx(event.data.draft, event.data.lang);
      self.postMessage({ id, bytes: bytes.buffer }, [bytes.buffer]);
    } else {
      const reply = kehoach_import(new Uint8Array(event.data.bytes), event.data.options);
      self.postMessage({ id, reply });
    }
  } catch (error) {
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
