//! Local storage.
