//! Reusable pieces of the interface.
pub mod banner;
pub mod confirm;
pub mod unit_form;
