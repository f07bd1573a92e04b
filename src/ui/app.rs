//! App root.
