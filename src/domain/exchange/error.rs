//! Every way an exchange file can be refused, with a Chinese message that says what is
//! wrong and where. [`ExchangeError::code`] gives a stable short name per variant, used
//! by the bad-file corpus table and documented in `docs/exchange-format.md`.

use crate::domain::validation::ValidationError;

/// Why an exchange file was refused or an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeError {
    #[error("文件是空的，可能没有复制完整。请从 U 盘或邮件中重新复制原文件，或让对方重新导出")]
    Empty,
    #[error(
        "文件大小 {size_mb} MB 超过可读取的上限 {limit_mb} MB，请确认选择的是本程序导出的文件"
    )]
    TooLarge { size_mb: String, limit_mb: usize },
    #[error("这不是本程序导出的文件（可能是图片、Word、Excel 或压缩包）。请选择本程序导出的 .json 文件（技术信息：不是 UTF-8 文本，第 {offset} 字节）")]
    NotUtf8 { offset: usize },
    #[error("这个文件是 UTF-16（记事本中的“Unicode”）编码的文本，不是本程序导出时的原样：可能用记事本等打开后另存过。请使用本程序导出的原文件；如只有这一份，请用记事本打开，“另存为”时编码选 UTF-8，再试")]
    Utf16,
    #[error("文件不完整，可能在复制或传递中被截断。请从原处（U 盘或邮件）重新复制这个文件；仍不行的，请导出它的一方重新导出一份（技术信息：在第 {offset} 字节处中途结束）")]
    CutShort { offset: usize },
    #[error("文件中有无法识别的字符，已拒绝（不会替换成别的字符后导入）：文件可能用记事本、WPS 等打开后按其他编码（如“ANSI”）另存过，或在复制中损坏。请从原处（U 盘或邮件）重新复制本程序导出的原文件；仍不行的，请导出它的一方重新导出一份（技术信息：不是 UTF-8 文本，第 {offset} 字节）")]
    BadBytes { offset: usize },
    #[error("{place}嵌套层次超过 {limit} 层（第 {line} 行附近），不是本程序导出的文件")]
    TooDeep {
        place: String,
        limit: usize,
        line: usize,
    },
    #[error("与文件「{other}」的内容完全相同（同一份文件选了两次），这一份不再导入")]
    SameFile { other: String },
    #[error("这不是本程序导出的文件：内容不是本程序的数据（可能选错了文件，如文字、表格或网页）。请选择本程序导出的 .json 文件")]
    NotData,
    #[error("{place}已损坏或不完整，可能在复制或传递中被截断或改动。请从原处（U 盘或邮件）重新复制这个文件；仍不行的，请导出它的一方重新导出一份（技术信息：第 {line} 行第 {column} 列，{detail}）")]
    NotJson {
        place: String,
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("{}", wrong_format_text(found))]
    WrongFormat { found: String },
    #[error("这不是本程序的数据文件：从备份恢复只接受“导出备份”得到的文件或数据交换的完整备份，请选择那样的 .json 文件")]
    NotAStateFile,
    #[error("文件开头的说明部分不对（{detail}），可能被改动过或已损坏，已拒绝。请从原处（U 盘或邮件）重新复制本程序导出的原文件；仍不行的，请导出它的一方重新导出一份（技术信息：{field}）")]
    BadEnvelope { field: String, detail: String },
    #[error("无法识别的文件类别「{found}」：可能是更新版本的程序导出的，或文件被改动过。请使用本程序导出的原文件，或让对方用相同版本的程序重新导出")]
    UnknownKind { found: String },
    #[error("文件由更新版本的程序导出（格式版本 {found}，本程序只认识到版本 {supported}），为避免出错已拒绝。请使用新版本程序导入。")]
    NewerVersion { found: u32, supported: u32 },
    #[error("文件的格式版本 {found} 无法识别")]
    BadVersion { found: u32 },
    #[error("升级旧版本文件失败：{0}")]
    Migration(String),
    #[error("{}", checksum_message(.expected))]
    ChecksumMismatch { expected: String, actual: String },
    #[error("「{kind}」文件的内容格式不对：{detail}。文件可能被改动过或已损坏，请使用本程序导出的原文件，或让对方重新导出")]
    BadContent { kind: String, detail: String },
    #[error(
        "文件中「{place}」处的文字含有不可见的控制字符（U+{code:04X}），可能被人为篡改，已拒绝"
    )]
    BadText { place: String, code: u32 },
    #[error("文件信封上写的是{envelope}，内容却是{content}，前后不一致")]
    SenderMismatch { envelope: String, content: String },
    #[error(
        "来自{sender}的文件没有签名，无法确认确实由对方导出。最稳妥的是请对方用工委发给它的任务文件重新导出一份；如确认来源可靠，可选择“仍然导入”"
    )]
    Unsigned { sender: String },
    // A re-test: a return of another computer's round (the same sample data, the same
    // round and assessor numbers) failed here only as a bad signature; that case is named.
    #[error("来自{sender}的文件签名不正确：它不是用工委发给对方的访问码签名的，可能被改动或冒名，也可能是另一台电脑上建立的同名考评的任务文件所填（那样的文件不要导入）。最稳妥的是请对方用工委发给它的任务文件重新导出一份；如确认来源可靠，可选择“仍然导入”")]
    BadSignature { sender: String },
    #[error("本机没有向{sender}发放过考评轮次「{round}」的访问码，无法核对签名。最稳妥的是请对方用工委发给它的任务文件重新导出一份；如确认来源可靠，可选择“仍然导入”")]
    UnknownCode { sender: String, round: String },
    // A clerk's review: read beside a round of the same name on screen (another
    // computer's 2026年度考评), "本机没有" read as a mistake.
    #[error("本机没有文件所属的考评轮次「{round}」（本机即使有同名的考评，也不是同一轮）：它可能已被删除（删除后发出的任务文件作废；重新建立的同名考评，须重新发放任务文件），也可能是另一台电脑上建立的考评的任务文件")]
    UnknownRound { round: String },
    #[error("考评轮次「{round}」中没有{sender}：可能已从本轮移除（移除后再添加的同名评委或单位算作新的，原先发出的任务文件作废）。如仍要请其填报，请在“数据交换”中重新导出任务文件发给对方，填好后再交回")]
    UnknownSender { sender: String, round: String },
    #[error("文件按考评方案「{file_scheme}」填写，本机考评轮次「{round}」使用的是「{our_scheme}」，方案版本不同，已拒绝。本轮更换考评方案之前发出的任务文件都会这样：请在“数据交换”中重新导出任务文件发给对方，按新方案填好后再交回")]
    SchemeMismatch {
        file_scheme: String,
        round: String,
        our_scheme: String,
    },
    #[error("{sender}的文件超出了其范围：{what}")]
    OutOfScope { sender: String, what: String },
    #[error("{sender}的文件中有 {count} 处本机的表单不会接受：{what}。整个文件已拒绝，本机数据没有改动。请对方改正后重新导出")]
    ReportRefused {
        sender: String,
        count: usize,
        what: String,
    },
    #[error(
        "{sender}的文件改动了{record}的{field}：这一项由工委填写，单位不能修改，整个文件已拒绝{}",
        if *.sent_before { "。如果对方是按工委较早发出的任务文件填写的（工委此后改过这一项并重新发出了任务文件），请对方先导入最新的任务文件，再重新导出报送文件" } else { "" }
    )]
    CommitteeField {
        sender: String,
        record: String,
        field: String,
        /// The record went out in a task file to the sender: the file may simply be
        /// older than the committee's latest handling of it.
        sent_before: bool,
    },
    #[error("文件中的数据有误：{first}{}", more_suffix(.count))]
    Invalid {
        first: String,
        count: usize,
        errors: Vec<ValidationError>,
    },
    #[error("本机还没有工委的签名信息（在本机打开过工委发来的任务文件后才有），无法核实这份考评结果确实由工委发布。如确认文件是工委发来的，可选择“仍然导入”")]
    ResultsUnverified,
    #[error("考评结果文件的签名与工委的公钥不符：它不是工委发布的，或发布后被改动过，已拒绝。请向工委索取正式的结果文件")]
    ResultsForged,
    #[error("考评结果文件有误：{0}，不是工委发布的结果，已拒绝")]
    BadResults(String),
    #[error("这份「{0}」的结果文件发布得比本机已有的结果早，是旧文件（工委之后重新发布过），没有导入。请使用工委最新发布的结果文件")]
    OlderResults(String),
    #[error("{0}")]
    NotForThisCopy(String),
    #[error("与文件「{other}」改动了同一条记录（{record}），请分开导入")]
    Overlap { other: String, record: String },
    #[error("文件「{newer}」导出得较晚，也有这条记录（{record}），以它为准；本文件较早，不导入。如确实要用本文件的内容，请单独导入")]
    OlderThanOther { newer: String, record: String },
    #[error("文件「{verified}」通过了身份核对，也有这条记录（{record}），以它为准；本文件未通过核对，不导入（未通过核对的文件不能替代通过核对的文件，无论哪个导出得晚）。如确认本文件可靠、确实要用它的内容，请单独导入")]
    BehindVerified { verified: String, record: String },
    #[error("这是一份较早的任务文件（工委于 {made} 导出），本副本已导入过工委 {held} 导出的更新的任务文件。导入它会用旧的内容覆盖本副本此后填写的内容，已拒绝，本机数据没有改动。请使用工委最新发来的任务文件")]
    OlderTask { made: String, held: String },
    #[error("数据在预览之后已经变化，请重新选择文件预览后再导入")]
    StalePreview,
    #[error("文件会更换 {0} 项访问码或签名密钥，请先逐项核对并单独确认这些变化，再导入")]
    SecurityNotConfirmed(usize),
    #[error("导入后的数据未通过检查：{0}")]
    ApplyInvalid(String),
    #[error("{0}")]
    Export(String),
}

/// A serde message in Chinese: the English text of `serde_json` ("invalid type: …,
/// expected u32 at line 1 column 80") is never shown to a person.
pub fn zh_serde(msg: &str) -> String {
    let (body, place) = match msg.rfind(" at line ") {
        Some(i) => (&msg[..i], {
            let nums: Vec<&str> = msg[i..]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|x| !x.is_empty())
                .collect();
            match nums.as_slice() {
                [line, col] => format!("（第 {line} 行第 {col} 列附近）"),
                _ => String::new(),
            }
        }),
        None => (msg, String::new()),
    };
    let quoted = body.split('`').nth(1).unwrap_or("");
    // serde's own words start with one of these; a message of ours (e.g. from `Points`)
    // is already Chinese and is shown as it is.
    const SERDE: [&str; 9] = [
        "missing field",
        "unknown field",
        "unknown variant",
        "duplicate field",
        "invalid length",
        "invalid value",
        "invalid type",
        "EOF",
        "expected",
    ];
    let words = if body.is_empty() {
        "格式不对".to_string()
    } else if !body.is_ascii() && !SERDE.iter().any(|p| body.starts_with(p)) {
        body.to_string()
    } else if body.starts_with("missing field") {
        format!("缺少「{}」项", field_words(quoted))
    } else if body.starts_with("unknown field") {
        format!("有不认识的项「{}」", field_words(quoted))
    } else if body.starts_with("unknown variant") {
        format!("「{quoted}」不是可选的值")
    } else if body.starts_with("duplicate field") {
        format!("「{}」项重复", field_words(quoted))
    } else if body.starts_with("invalid length") {
        "项数不对".to_string()
    } else if body.starts_with("invalid value") {
        format!("数值「{quoted}」超出允许的范围")
    } else if body.starts_with("invalid type") {
        let rest = body.trim_start_matches("invalid type: ");
        // `string "二〇二一", expected u16`: the text is in double quotes, and may hold
        // a comma of its own.
        let (found, expected) = match rest.rsplit_once(", expected ") {
            Some((f, e)) => (f, e),
            None => (rest, ""),
        };
        let text = found
            .strip_prefix("string \"")
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or("");
        let what = if found.starts_with("floating point") || found.starts_with("integer") {
            format!("数字「{quoted}」")
        } else if found.starts_with("string") {
            format!("文字「{text}」")
        } else if found.starts_with("null") {
            "空值".to_string()
        } else if found.starts_with("map") {
            "对象".to_string()
        } else if found.starts_with("sequence") {
            "列表".to_string()
        } else if found.starts_with("boolean") {
            "是/否值".to_string()
        } else {
            "值".to_string()
        };
        let wanted = if ["u8", "u16", "u32", "u64", "i32", "i64", "integer", "f64"]
            .iter()
            .any(|t| expected.contains(t))
        {
            "，应为数字"
        } else if expected.contains("string") {
            "，应为文字"
        } else if expected.contains("sequence") {
            "，应为列表"
        } else if expected.contains("struct") || expected.contains("map") {
            "，应为对象"
        } else if expected.contains("bool") {
            "，应为是/否值"
        } else {
            ""
        };
        format!("{what}的类型不对{wanted}")
    } else if body.starts_with("EOF") {
        "文件在中途结束".to_string()
    } else {
        "格式不对".to_string()
    };
    format!("{words}{place}")
}

/// A file's field as a person knows it, with the name it has in the file (which is what
/// someone opening the file finds): `单位编号（unit_id）`; a field not listed here keeps
/// its name alone.
fn field_words(key: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("id", "编号"),
        ("unit_id", "单位编号"),
        ("unit_ids", "单位编号"),
        ("round_id", "考评轮次编号"),
        ("scheme_id", "考评方案编号"),
        ("assessor_id", "考评人编号"),
        ("item_id", "指标编号"),
        ("visit_id", "督导记录编号"),
        ("partner_unit_id", "结对单位编号"),
        ("name", "名称"),
        ("title", "标题"),
        ("year", "年度"),
        ("date", "日期"),
        ("status", "状态"),
        ("kind", "类别"),
        ("category", "问题类别"),
        ("source", "来源"),
        ("description", "描述"),
        ("note", "说明"),
        ("owner", "责任人"),
        ("deadline", "整改期限"),
        ("progress", "整改进展"),
        ("closure", "销号"),
        ("evidence", "依据"),
        ("points", "分值"),
        ("max", "满分"),
        ("count", "次数"),
        ("grade", "等次"),
        ("rank", "名次"),
        ("history", "状态履历"),
        ("doc_no", "文号"),
        ("plaque_no", "牌匾编号"),
        ("entered_year", "入选年份"),
        ("sector", "系统/行业"),
        ("org_type", "组织类型"),
        ("contact", "联系方式"),
        ("leader", "责任人"),
        ("units", "单位"),
        ("rounds", "考评轮次"),
        ("round", "考评轮次"),
        ("schemes", "考评方案"),
        ("scheme", "考评方案"),
        ("assessors", "考评人"),
        ("sheets", "评分表"),
        ("results", "考评结果"),
        ("outcomes", "成果"),
        ("pairings", "结对"),
        ("activities", "结对活动"),
        ("rectifications", "整改事项"),
        ("resources", "保障投入"),
        ("guidance_visits", "督导记录"),
        ("findings", "督导发现"),
        ("applications", "申报"),
        ("adjustments", "加减分"),
        ("funds", "党建工作经费"),
        ("activity_funds", "活动经费"),
        ("staff", "专职党务干部"),
        ("part_time_staff", "兼职党务干部"),
        ("premises_area", "阵地面积"),
        ("settings", "设置"),
        ("meta", "记录信息"),
        ("rev", "修订号"),
        ("version", "版本"),
        ("format", "格式标记"),
        ("content", "内容"),
        ("state", "数据"),
        ("made_at", "生成时间"),
        ("made_by", "生成单位"),
        ("signature", "签名"),
        ("checksum", "校验值"),
    ];
    match WORDS.iter().find(|(k, _)| *k == key) {
        Some((_, words)) => format!("{words}（{key}）"),
        None => key.to_string(),
    }
}

fn more_suffix(count: &usize) -> String {
    if *count > 1 {
        format!("（共 {count} 处问题）")
    } else {
        String::new()
    }
}

/// The message of [`ExchangeError::WrongFormat`]: an empty mark is said in words, not
/// shown as 「」.
fn wrong_format_text(found: &str) -> String {
    if found.is_empty() {
        "这不是本程序的交换文件：文件中没有格式标记（应为「exemplar-exchange」）".to_string()
    } else if found == crate::domain::document::FORMAT_TAG {
        // The app's own 导出备份: the right file, the wrong door.
        "这是本程序“导出备份”得到的完整备份文件，不是交换文件：请在“数据管理”中用“从备份恢复”导入（恢复前会先保存当前数据的快照）".to_string()
    } else if found == crate::domain::damaged::DAMAGED_TAG {
        format!(
            "这是“{}”得到的文件：里面是浏览器中读不出来的数据，本程序不能导入，只供技术人员尝试恢复。请选择“导出备份”得到的备份文件或对方导出的交换文件",
            crate::domain::damaged::EXPORT_DAMAGED
        )
    } else {
        format!("这不是本程序的交换文件（格式标记为「{found}」，应为「exemplar-exchange」）")
    }
}

/// A checksum refusal in words a clerk can act on (the hex values help no one): a file
/// that carries no checksum at all (`（空）`) is said to lack one.
fn checksum_message(expected: &str) -> String {
    let why = if expected == "（空）" {
        "文件中缺少校验值，可能被改动过"
    } else {
        "文件在传递中被改动或损坏（内容与文件自带的校验值不符）"
    };
    format!("文件内容校验失败：{why}，已拒绝。请从原处（U 盘或邮件）重新复制这个文件；仍不行的，请导出它的一方重新导出一份")
}

impl ExchangeError {
    /// A stable short name of the variant (for tables, tests and the docs).
    pub fn code(&self) -> &'static str {
        match self {
            ExchangeError::Empty => "empty",
            ExchangeError::TooLarge { .. } => "too_large",
            ExchangeError::NotUtf8 { .. } | ExchangeError::Utf16 => "not_utf8",
            ExchangeError::CutShort { .. } => "cut_short",
            ExchangeError::BadBytes { .. } => "bad_bytes",
            ExchangeError::TooDeep { .. } => "too_deep",
            ExchangeError::NotJson { .. } | ExchangeError::NotData => "not_json",
            ExchangeError::WrongFormat { .. } | ExchangeError::NotAStateFile => "wrong_format",
            ExchangeError::BadEnvelope { .. } => "bad_envelope",
            ExchangeError::UnknownKind { .. } => "unknown_kind",
            ExchangeError::NewerVersion { .. } => "newer_version",
            ExchangeError::BadVersion { .. } => "bad_version",
            ExchangeError::Migration(_) => "migration",
            ExchangeError::ChecksumMismatch { .. } => "checksum",
            ExchangeError::BadContent { .. } => "bad_content",
            ExchangeError::BadText { .. } => "bad_text",
            ExchangeError::SenderMismatch { .. } => "sender_mismatch",
            ExchangeError::Unsigned { .. } => "unsigned",
            ExchangeError::BadSignature { .. } => "bad_signature",
            ExchangeError::UnknownCode { .. } => "unknown_code",
            ExchangeError::UnknownRound { .. } => "unknown_round",
            ExchangeError::UnknownSender { .. } => "unknown_sender",
            ExchangeError::SchemeMismatch { .. } => "scheme_mismatch",
            ExchangeError::OutOfScope { .. } => "out_of_scope",
            ExchangeError::CommitteeField { .. } => "committee_field",
            ExchangeError::ReportRefused { .. } => "report_refused",
            ExchangeError::Invalid { .. } => "invalid",
            ExchangeError::ResultsUnverified => "results_unverified",
            ExchangeError::ResultsForged => "results_forged",
            ExchangeError::BadResults(_) => "bad_results",
            ExchangeError::OlderResults(_) => "older_results",
            ExchangeError::NotForThisCopy(_) => "not_for_this_copy",
            ExchangeError::SameFile { .. } => "same_file",
            ExchangeError::Overlap { .. } => "overlap",
            ExchangeError::OlderThanOther { .. } => "older_than_other",
            ExchangeError::BehindVerified { .. } => "behind_verified",
            ExchangeError::OlderTask { .. } => "older_task",
            ExchangeError::StalePreview => "stale_preview",
            ExchangeError::SecurityNotConfirmed(_) => "security_not_confirmed",
            ExchangeError::ApplyInvalid(_) => "apply_invalid",
            ExchangeError::Export(_) => "export",
        }
    }

    /// What an overridable refusal ([`Self::overridable`]) says once the person chose to
    /// import anyway: the finding, without the advice to choose it.
    pub fn imported_anyway(&self) -> String {
        let finding = match self {
            ExchangeError::Unsigned { sender } => format!("来自{sender}的文件没有签名"),
            ExchangeError::BadSignature { sender } => {
                format!("来自{sender}的文件签名不正确，可能被改动或冒名")
            }
            ExchangeError::UnknownCode { sender, round } => {
                format!("本机没有向{sender}发放过考评轮次「{round}」的访问码，无法核对签名")
            }
            ExchangeError::ResultsUnverified => {
                "本机还没有工委的签名信息，无法核实这份考评结果确实由工委发布".to_string()
            }
            other => other.to_string(),
        };
        format!("未通过身份核对，按您的选择仍然导入：{finding}")
    }

    /// Whether the person may import anyway with the explicit override
    /// ([`super::ImportOptions::accept_unverified`]).
    pub fn overridable(&self) -> bool {
        matches!(
            self,
            ExchangeError::Unsigned { .. }
                | ExchangeError::BadSignature { .. }
                | ExchangeError::UnknownCode { .. }
                | ExchangeError::ResultsUnverified
        )
    }

    pub(crate) fn invalid(errors: Vec<ValidationError>) -> ExchangeError {
        ExchangeError::Invalid {
            first: errors.first().map(|e| e.to_string()).unwrap_or_default(),
            count: errors.len(),
            errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{zh_serde, ExchangeError};
    use crate::domain::exchange::read_package;

    #[test]
    fn a_refusal_imported_anyway_keeps_the_finding_and_drops_the_advice() {
        let all = [
            ExchangeError::Unsigned {
                sender: "单位「甲」".into(),
            },
            ExchangeError::BadSignature {
                sender: "单位「甲」".into(),
            },
            ExchangeError::UnknownCode {
                sender: "评委「乙」".into(),
                round: "2026年度考评".into(),
            },
            ExchangeError::ResultsUnverified,
        ];
        for e in all {
            assert!(e.overridable());
            assert!(e.to_string().contains("可选择“仍然导入”"), "{e}");
            let note = e.imported_anyway();
            assert!(
                note.starts_with("未通过身份核对，按您的选择仍然导入："),
                "{note}"
            );
            assert!(!note.contains("可选择"), "{note}");
        }
    }

    #[test]
    fn serde_messages_are_said_in_chinese() {
        assert_eq!(
            zh_serde("invalid type: floating point `1e308`, expected u32 at line 1 column 80"),
            "数字「1e308」的类型不对，应为数字（第 1 行第 80 列附近）"
        );
        // A year typed in Chinese numerals: the text is named, and no English is left.
        assert_eq!(
            zh_serde("invalid type: string \"二〇二一\", expected u16 at line 1 column 199"),
            "文字「二〇二一」的类型不对，应为数字（第 1 行第 199 列附近）"
        );
        assert_eq!(
            zh_serde("invalid type: string \"abc\", expected u64"),
            "文字「abc」的类型不对，应为数字"
        );
        assert_eq!(zh_serde("missing field `title`"), "缺少「标题（title）」项");
        assert_eq!(
            zh_serde("missing field `unit_id` at line 3 column 5"),
            "缺少「单位编号（unit_id）」项（第 3 行第 5 列附近）"
        );
        assert_eq!(
            zh_serde("unknown field `colour`, expected one of `id`, `name`"),
            "有不认识的项「colour」"
        );
        assert_eq!(
            zh_serde("unknown variant `Gold`, expected one of `Excellent`"),
            "「Gold」不是可选的值"
        );
        assert_eq!(
            zh_serde("分值最多保留两位小数 at line 1 column 9"),
            "分值最多保留两位小数（第 1 行第 9 列附近）"
        );
        for m in [
            "invalid value: integer `-1`, expected u32",
            "trailing characters",
        ] {
            assert!(!zh_serde(m).is_ascii(), "{m}");
        }
    }

    #[test]
    fn a_picture_or_a_bare_object_is_refused_in_plain_words() {
        // A PNG's first bytes: says what it probably is, not only where it failed.
        let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
        let m = read_package(&png).unwrap_err().to_string();
        assert!(m.starts_with("这不是本程序导出的文件（可能是图片"), "{m}");
        // `{}`: no format mark, said in words rather than as 「」.
        let m = read_package(b"{}").unwrap_err().to_string();
        assert_eq!(
            m,
            "这不是本程序的交换文件：文件中没有格式标记（应为「exemplar-exchange」）"
        );
        // Not an object: some other file, never a damaged one of ours (a clerk's review:
        // a CSV whose first line began 2026年 was sent to be copied again).
        for text in [
            "\"序号\",\"单位名称\"\n",
            "2026年度示范点名册,,\n序号,单位名称\n",
            "123",
        ] {
            let e = read_package(text.as_bytes()).unwrap_err();
            assert_eq!(e, ExchangeError::NotData, "{text}");
        }
    }
}
