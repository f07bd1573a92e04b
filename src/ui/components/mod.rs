//! Reusable pieces of the interface.
pub mod banner;
pub mod confirm;
pub mod score_grid;
