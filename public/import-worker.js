// Reads and writes spreadsheets off the page's thread, with a WebAssembly module of its own
// (kehoach_io: calamine, rust_xlsxwriter and the docx writer), loaded on first use. The page stays responsive on
// large sheets, and a failure inside a reader ends here, as a message, not as a dead page.
import init, { kehoach_import, kehoach_export_xlsx, kehoach_export_docx, kehoach_failed_allocation, kehoach_last_panic } from './kehoach_io.js';

const ready = init();

// The module's memory only grows: each message says how large it is, and the page starts a
// fresh worker after a reading that left it large.
let exports = null;
const memory = () => (exports && exports.memory ? exports.memory.buffer.byteLength : 0);

self.onmessage = async (event) => {
  const { id, kind } = event.data;
  try {
    exports = await ready;
    self.postMessage({ id, stage: 'working' });
    if (kind === 'export') {
      const bytes = kehoach_export_xlsx(event.data.draft, event.data.lang);
      self.postMessage({ id, bytes: bytes.buffer, memory: memory() }, [bytes.buffer]);
    } else if (kind === 'export-docx') {
      const bytes = kehoach_export_docx(event.data.draft, event.data.lang, !!event.data.yearsAsRows);
      self.postMessage({ id, bytes: bytes.buffer, memory: memory() }, [bytes.buffer]);
    } else {
      const reply = kehoach_import(new Uint8Array(event.data.bytes), event.data.options);
      self.postMessage({ id, reply, memory: memory() });
    }
  } catch (error) {
    // After a trap the module is not used again (the page ends this worker); asking it for the
    // failed allocation's size is a plain read of memory.
    let asked = 0;
    let panic = '';
    try { asked = exports ? kehoach_failed_allocation() : 0; } catch { /* nothing to add */ }
    try { panic = exports ? kehoach_last_panic() : ''; } catch { /* nothing to add */ }
    self.postMessage({ id, error: String((error && error.message) || error), asked, panic, memory: memory() });
  }
};
