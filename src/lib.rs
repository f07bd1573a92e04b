//! exemplar: 基层党建示范点考评管理.
//!
//! `domain` is the pure core (plain Rust, tested natively). `store`, `files`, `office`
//! and `ui` exist only in the browser app (the `app` feature; `src/bin/exemplar-office.rs`
//! is the second, lazily loaded wasm, built without it).
pub mod domain;
pub mod route;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod bench;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod clock;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod files;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod office;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod store;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod ui;
