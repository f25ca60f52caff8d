//! Browser adapters: storage, files, clipboard. Small and behind plain Rust types.
