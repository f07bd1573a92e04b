//! Data exchange by files (brief item 10): the versioned, checksummed, signed file
//! format (`docs/exchange-format.md`), exporting each package kind, and the import
//! pipeline as pure functions:
//!
//! read ([`read_package`]: size, encoding, nesting, JSON, format, version, checksum,
//! text) → sender and round → signature → scope → validation → [`preview`] →
//! [`apply`]. Nothing changes before `apply`, and `apply` returns a new state.
//!
//! A copy opened from a task file is in focused mode ([`Workspace`] on the state).
mod content;
mod envelope;
mod error;
mod export;
mod import;
mod ownership;
mod receipts;
mod records;
mod reported;
mod restore;
mod security;
mod signing;
mod workspace;

pub use content::{
    AssessorReturn, Backup, Content, PublishedResults, ResultRow, ToAssessor, ToUnit, UnitReturn,
};
pub use envelope::{
    checksum, decode_text, hex, read_package, read_package_with, seal, seal_text, seal_with, sign,
    signed_message, verify, Envelope, Header, Migration, Package, PackageKind, Party, RoundRef,
    SchemeRef, FORMAT_TAG, FORMAT_VERSION, HEADER_SIGNED_FROM, MAX_BYTES, MAX_DEPTH,
    MAX_RESULTS_BYTES, MIGRATIONS,
};
pub use error::{zh_serde, ExchangeError};
pub use export::{
    assigned_units, export_all_tasks, export_assessor_return, export_backup, export_results,
    export_to_assessor, export_to_unit, export_unit_return, file_name, note_return_sent,
    publication_of, published_results, result_rows, results_digest, rows_of, unit_figures_digest,
    TaskFile, VETO_PUBLIC_NOTE,
};
pub use import::{
    apply, fingerprint, is_blank, preview, preview_many, preview_package, Batch, Change,
    ChangeStatus, Decisions, FileInfo, FileVerdict, GroupSummary, ImportOptions, Preview,
    SignatureCheck, TASK_UPDATE_NOTE,
};
pub use ownership::{
    committee_digest, note_corrected_activity, sender_fields, sender_may_create, senders_id,
    unreported_activity, unreported_outcome,
};
pub use receipts::{
    incomplete_note, incomplete_units, received_count_line, received_counts, received_from,
    received_line, record_receipts, units_awaited, unrecorded_receipts, Receipt,
};
pub use records::{all_records, sheet_key, Rec, RecordType};
pub use restore::{
    check_backup_fits, check_state, read_restore, read_restore_unchecked, Restored,
    UncheckedRestore,
};
pub use security::security_changes;
pub use signing::{ensure_committee_key, sign_results, verify_results, CommitteeKey};
pub use workspace::{
    issue_code, keep_issued_codes, make_code, AccessCode, ExchangeBook, SentRecord, SentTask,
    Snapshot, Snapshots, Workspace,
};
