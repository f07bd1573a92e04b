//! The pure core: the model, scoring, lifecycle rules, validation, the stored form and
//! the exchange format. No web-sys, no signals; tested natively with `cargo test`.
pub mod adjustment_grid;
pub mod adjustments;
pub mod applications;
pub mod between_rounds;
pub mod comments;
pub mod compact;
pub mod consistency;
pub mod copies;
pub mod damaged;
pub mod dates;
pub mod default_scheme;
pub mod document;
pub mod exchange;
pub mod focused;
pub mod form_merge;
pub mod grid;
pub mod lifecycle;
pub mod lifecycle_settings;
pub mod model;
pub mod office;
pub mod outcomes;
pub mod overview;
pub mod packing;
pub mod panel;
pub mod parts;
pub mod points;
pub mod print_sheets;
pub mod problems;
pub mod publishing;
pub mod report;
pub mod reports;
pub mod return_check;
pub mod revisions;
pub mod roster;
pub mod roster_import;
pub mod round_setup;
pub mod sample;
pub mod scheme_edit;
pub mod scoring;
pub mod sheet_read;
pub mod snapshots;
pub mod sorting;
pub mod typed;
pub mod typing;
pub mod validation;

pub use default_scheme::{
    copy_scheme, copy_scheme_for_year, default_scheme, delete_scheme, save_scheme_edit,
    scheme_has_scores, scheme_sent_out, SchemeDeleteError,
};
pub use model::*;
pub use points::Points;
pub use scoring::{compute, compute_round, Exact, RoundResults, ScoringError, UnitResult};
pub use validation::{check_points, validate_state, ValidationError};
