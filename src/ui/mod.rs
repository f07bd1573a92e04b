//! The user interface.
pub mod app;
