//! Browser file I/O: downloads and uploads.
