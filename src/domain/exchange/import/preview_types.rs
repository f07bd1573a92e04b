//! What a preview says: the options, each file's verdict and signature check, the changes and their status, the person's decisions.

use super::*;

/// Choices the person makes before the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Import a return file although it is unsigned, wrongly signed, or its sender has
    /// no code here (the person confirmed the source). Shown as a warning.
    pub accept_unverified: bool,
    /// The importing clerk's date, from the one clock: a return's new entries dated
    /// after it are refused, as the forms refuse them (`None`: not bounded).
    pub today: Option<crate::domain::dates::Ymd>,
}

/// What became of the signature check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// The kind is not signed (task files, results, backups).
    NotRequired,
    /// Signed with the code issued to the sender.
    Verified,
    /// Not verified; imported because the person chose to (the reason in Chinese).
    Overridden(String),
}

/// What a file says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct FileInfo {
    /// The file name as chosen by the person.
    pub name: String,
    pub kind: PackageKind,
    pub made_by: Party,
    /// `单位「名称」`, `评委「姓名」`, `工委`. For a return file, named from this copy's
    /// own records (the roster, the round's assessors), not from the file.
    pub sender: String,
    /// The maker's name as the file writes it (`made_by_name`): a claim, shown as one.
    pub claimed_name: String,
    /// The time the file says it was made (`made_at`): a claim too.
    pub made_at: String,
    pub round: Option<RoundRef>,
    pub scheme: Option<SchemeRef>,
    pub signature: SignatureCheck,
}

impl FileInfo {
    /// Whether `made_at` reads as a time (`YYYY-MM-DDTHH:MM…`); otherwise the UI shows
    /// the text as the file's unreadable claim rather than as an export time.
    pub fn made_at_is_time(&self) -> bool {
        let b = self.made_at.as_bytes();
        b.len() >= 16
            && b[..16].iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                10 => *c == b'T' || *c == b' ',
                13 => *c == b':',
                _ => c.is_ascii_digit(),
            })
    }

    /// Who the file is from, and how that is known: `经签名核实：单位「甲」` when the
    /// signature verified (the name from this copy's records); for a kind that carries
    /// no signature (the committee's task file) the file's word, with what to check;
    /// otherwise (a signature that failed and was overridden) the file's claim, said
    /// to be one.
    pub fn identity(&self) -> String {
        match &self.signature {
            SignatureCheck::Verified => format!("经签名核实：来自{}", self.sender),
            SignatureCheck::NotRequired => format!(
                "文件注明来自{}（此类文件不带签名，请确认文件是从对方处直接取得的）",
                self.sender
            ),
            SignatureCheck::Overridden(_) => format!("文件自称来自{}（未经核实）", self.sender),
        }
    }

    /// The file's own words about its maker when they differ from [`Self::sender`].
    pub fn claim_note(&self) -> Option<String> {
        let claimed = self.claimed_name.trim();
        (!claimed.is_empty() && !self.sender.contains(claimed))
            .then(|| format!("文件中写的导出者为「{claimed}」，以本机记录为准"))
    }
}

/// How an incoming record compares with the one held here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeStatus {
    /// Not held here: will be added.
    Added,
    /// Changed by the sender only: will be replaced.
    Changed,
    /// Same content: nothing to do.
    Unchanged,
    /// Changed here only, or the file holds an older copy: kept as it is here.
    Stale,
    /// Changed on both sides since the file was issued: the person decides
    /// (kept as it is here unless chosen otherwise).
    Conflict,
}

impl ChangeStatus {
    pub fn label(self) -> &'static str {
        match self {
            ChangeStatus::Added => "新增",
            ChangeStatus::Changed => "修改",
            ChangeStatus::Unchanged => "无变化",
            ChangeStatus::Stale => "本机的较新（保留本机）",
            ChangeStatus::Conflict => "冲突（需选择）",
        }
    }
}

/// One record in a preview.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub key: String,
    pub record_type: RecordType,
    pub label: String,
    pub status: ChangeStatus,
    /// Index into [`Preview::files`].
    pub file: usize,
    pub incoming: Rec,
    /// For a 冲突 of a record merged field by field: what 保留本机 keeps (the fields
    /// both sides changed as held here, those only the file changed as in the file),
    /// `incoming` being what 采用文件 takes. `None`: 保留本机 keeps the record as held.
    pub kept: Option<Rec>,
    /// A return's score sheet (not one made from an older task file): the file's own
    /// version, which the ledger keeps as the base of the sender's next return
    /// (`ownership::note_sheet_received`); `incoming` and `kept` may be merged.
    pub file_version: Option<Rec>,
    /// A return's record at the revision already received from its sender, with other
    /// content: the file was altered. Kept as held ([`ChangeStatus::Stale`]), and not
    /// called newer here ([`Change::status_label`]).
    pub altered: bool,
}

impl Change {
    /// What the preview says of this record: its status, or that the file differs from
    /// the version received before.
    pub fn status_label(&self) -> &'static str {
        if self.altered {
            "与此前收到的同一版本不同（保留本机）"
        } else {
            self.status.label()
        }
    }
}

/// Counts per record type, for the preview table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupSummary {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub stale: usize,
    pub conflicting: usize,
    /// Only for whole-state replacements (backup, task file).
    pub removed: usize,
    /// Kept as held, the file carrying the version received before with other content
    /// ([`Change::altered`]): not counted as 本机的较新.
    pub altered: usize,
}

/// What an import would do. Made by [`preview`] / [`preview_many`]; carried out by
/// [`apply`] only if the state is still the one previewed.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub files: Vec<FileInfo>,
    pub changes: Vec<Change>,
    /// Records held here that a replacement drops, as `(type, label)`.
    pub removed: Vec<(RecordType, String)>,
    /// Things the person should know (markup kept as text, signature overridden).
    pub warnings: Vec<String>,
    /// Plain information (e.g. "opens the tasks of unit X").
    pub notes: Vec<String>,
    /// Whether applying replaces the whole state (backup, task file, results copy).
    pub replaces_state: bool,
    /// Access codes and keys the file would change, one line each
    /// (`security::security_changes`): shown on their own, confirmed on their own.
    pub security: Vec<String>,
    /// A results file's round name and number of rows, to say what was saved.
    pub results_saved: Option<(String, usize)>,
    pub(super) replacement: Option<Box<AppState>>,
    /// A newer task file for the task this copy holds: its workspace (issue date, the
    /// revisions issued), taken in with the records.
    pub(super) task_update: Option<Box<super::super::workspace::Workspace>>,
    pub(super) fingerprint: String,
}

impl Preview {
    /// What importing a results file saved, in a sentence (`None` for other files).
    pub fn results_saved_line(&self) -> Option<String> {
        self.results_saved
            .as_ref()
            .map(|(round, n)| format!("已保存考评轮次「{round}」的发布结果（{n} 个单位）"))
    }

    /// Counts per record type, in display order.
    pub fn groups(&self) -> BTreeMap<RecordType, GroupSummary> {
        let mut out: BTreeMap<RecordType, GroupSummary> = BTreeMap::new();
        for c in &self.changes {
            let g = out.entry(c.record_type).or_default();
            match c.status {
                ChangeStatus::Added => g.added += 1,
                ChangeStatus::Changed => g.changed += 1,
                ChangeStatus::Unchanged => g.unchanged += 1,
                ChangeStatus::Stale if c.altered => g.altered += 1,
                ChangeStatus::Stale => g.stale += 1,
                ChangeStatus::Conflict => g.conflicting += 1,
            }
        }
        for (t, _) in &self.removed {
            out.entry(*t).or_default().removed += 1;
        }
        out
    }

    /// The conflicts the person must decide on.
    pub fn conflicts(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.status == ChangeStatus::Conflict)
    }

    /// Whether applying would change nothing.
    pub fn is_noop(&self) -> bool {
        !self.replaces_state
            && self
                .changes
                .iter()
                .all(|c| matches!(c.status, ChangeStatus::Unchanged | ChangeStatus::Stale))
    }

    /// What to say when applying would change nothing: the files hold what is here, or
    /// (a file exported before the latest changes here) only older versions of it (not
    /// called an old file: it may be the sender's newest, a clerk's re-test), or
    /// what they hold beyond that is left out, as the notes say.
    pub fn noop_message(&self) -> &'static str {
        if !self.notes.is_empty() {
            "所选文件中没有需要导入的内容，本机的数据保留；文件中未导入的部分，原因见说明。"
        } else if self.changes.iter().any(|c| c.status == ChangeStatus::Stale) {
            "所选文件中没有比本机更新的内容（本机在此之后又改过，见下表中“本机的较新”），没有需要导入的内容，本机的数据保留。"
        } else {
            "所选文件中的数据与本机相同，没有需要导入的内容。"
        }
    }
}

/// The person's choices on conflicts: keys whose file version wins. Every other
/// conflict keeps the version held here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decisions {
    pub take_file: BTreeSet<String>,
    /// The person confirmed, separately, the changes of access codes and keys listed in
    /// [`Preview::security`]. Without it such a preview is not applied.
    pub confirm_security: bool,
}
