//! Reusable pieces of the interface.
pub mod banner;
pub mod between;
pub mod charts;
pub mod confirm;
pub mod fields;
pub mod office_exports;
pub mod outcome_form;
pub mod proposals;
pub mod ranking_table;
pub mod score_grid;
pub mod snapshots;
pub mod sort_header;
pub mod type_override;
pub mod unit_form;
