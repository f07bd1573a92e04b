//! The pure core: the model, scoring, lifecycle rules, validation, the stored form and
//! the exchange format. No web-sys, no signals; tested natively with `cargo test`.
pub mod model;
pub mod points;

pub use model::*;
pub use points::Points;
