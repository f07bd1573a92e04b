//! The user interface: the app shell, pages (one file per screen) and components.
//! Components render and dispatch; every computation comes from `crate::domain`.
pub mod app;
pub mod components;
pub mod pages;
pub mod state;
pub mod text;
