//! Reusable pieces of the interface.
pub mod banner;
pub mod between;
pub mod between_forms;
pub mod charts;
pub mod confirm;
pub mod copy_switcher;
pub mod fields;
pub mod outcome_form;
pub mod proposals;
pub mod ranking_table;
pub mod roster_import;
pub mod score_grid;
pub mod snapshots;
pub mod sort_header;
pub mod type_override;
pub mod unit_form;
pub mod unit_reports;
