//! The file worker's WebAssembly module: spreadsheet import and xlsx export, kept out of the
//! page's module so the page loads without calamine, rust_xlsxwriter and their zip and codepage
//! tables. The import worker (`public/import-worker.js`) loads it on first use.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Imports a spreadsheet: `options` and the reply are JSON (see `kehoach::io::import::remote`).
    #[wasm_bindgen]
    pub fn kehoach_import(bytes: &[u8], options: &str) -> String {
        kehoach::io::import::remote::import_json(bytes, options)
    }

    /// Imports a spreadsheet and computes its totals, returning the number of budget lines:
    /// the import's own work without the reply's serialisation (for the import benchmark).
    #[wasm_bindgen]
    pub fn kehoach_import_only(bytes: &[u8]) -> u32 {
        match kehoach::io::import::import(bytes, &Default::default()) {
            Ok(result) => {
                let totals = kehoach::engine::Totals::compute(&result.plan);
                std::hint::black_box(totals.grand());
                result.plan.lines.len() as u32
            }
            Err(_) => 0,
        }
    }

    /// Writes a draft (JSON format v1) as an .xlsx workbook, labels in `lang` (`vi` or `en`).
    #[wasm_bindgen]
    pub fn kehoach_export_xlsx(draft: &str, lang: &str) -> Result<Vec<u8>, JsValue> {
        let loaded = kehoach::io::json::from_json(draft).map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
        let lang = kehoach::locale::Lang::from_code(lang).unwrap_or_default();
        kehoach::io::xlsx_export::to_xlsx(&loaded.plan, lang).map_err(|e| JsValue::from_str(&e.to_string()))
    }
}

fn main() {}
