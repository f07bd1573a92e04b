//! exemplar: 基层党建示范点考评管理.
//!
//! `domain` is the pure core (plain Rust, tested natively). `store`, `files` and `ui`
//! exist only in the browser build.
pub mod domain;
pub mod route;

#[cfg(target_arch = "wasm32")]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod clock;
#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
