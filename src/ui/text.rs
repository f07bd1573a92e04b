//! Wording shared across screens, in one place so it stays consistent.

/// The app's title.
pub const APP_TITLE: &str = "基层党建示范点考评管理";
/// The button that exports a backup.
pub const EXPORT_BACKUP: &str = "导出备份";
/// The button that undoes the last change.
pub const UNDO: &str = "撤销";
/// Over a published round's score grid and adjustments: a change here is not in the
/// published results until they are published again.
pub const PUBLISHED_EDIT_HINT: &str =
    "本轮结果已发布。在这里的修改不会自动进入已发布的结果：修改后须到“结果”页重新发布，再导出结果文件。";
/// The button that opens a record for changing (名册, 保障投入, a unit's own 成果).
pub const EDIT: &str = "修改";

/// What a page says when the record it shows is not here (deleted, undone, or a link
/// from elsewhere), without its internal id.
pub fn record_gone(what: &str) -> String {
    format!("这个{what}已不在本机数据中，可能已被删除或撤销。")
}
/// The title of the confirmation before unsaved text is dropped for good.
pub const CONFIRM_DROP_DRAFTS: &str = "确认不要这些内容";
/// The button that reloads the page.
pub const RELOAD: &str = "重新载入页面";

/// Said on 报表 and its 通报 for a year that has not begun.
pub fn year_not_begun(year: u16, this_year: u16) -> String {
    format!("{year}年度还没有开始：下面的数字是按今天统计的，与{this_year}年度相同；{year}年度开始后才有该年度的数据。")
}
/// Confirm and cancel.
pub const CONFIRM: &str = "确定";
pub const CANCEL: &str = "取消";
/// Where the data lives, said on the data page.
pub const WHERE_DATA_LIVES: &str = "数据只保存在本电脑的这个浏览器中（本地存储），不会上传到任何服务器。换电脑、换浏览器或清理浏览器数据前，请先导出备份。";
/// The name of a backup file, without the stamp.
pub const BACKUP_FILE_PREFIX: &str = "示范点考评-备份";
/// The file name prefix of damaged data written out for recovery (数据管理).
pub const DAMAGED_FILE_PREFIX: &str = "示范点考评-损坏数据";
/// Shown when the app runs as a single file opened from disk.
pub const FILE_MODE_NOTICE: &str = "您正在以单个文件方式使用本程序：数据保存在本电脑这个浏览器的本地存储中，不在此文件里：在有的浏览器中，放在不同文件夹里的副本也共用同一份数据；换一台电脑或换一个浏览器则看不到。要把数据带走，请在“数据管理”中导出备份，之后在新位置“从备份恢复”。";
/// The two ways out of a conflict between tabs, and what they mean.
pub const CONFLICT_CHOICES: &str = "请选择：“保留本窗口的数据”会用本窗口的数据替换另一个窗口保存的数据；“改用已保存的数据”会放弃本窗口未保存的修改。拿不准时，先“导出备份”。";
/// Keep this tab's data in a conflict.
pub const KEEP_THIS_TAB: &str = "保留本窗口的数据";

/// The snapshot of this tab's data taken before 改用已保存的数据 drops it.
pub const DROPPED_SNAPSHOT: &str = "改用已保存数据前本窗口的数据";

/// Said after 改用已保存的数据, when this tab's data was kept as a snapshot.
pub fn took_stored_with_snapshot() -> String {
    format!("已载入最新保存的数据，本窗口未保存的修改已放弃；放弃前的数据已存为快照“{DROPPED_SNAPSHOT}”，如需找回，可在“数据管理”中恢复或对照。")
}

/// Said where a deletion promises 撤销: the undo list lives as long as the page and
/// until another tab saves; the deletion keeps a snapshot first.
pub const UNDO_LIMITS: &str = "（刷新、关闭页面或另一个窗口保存修改后不能再撤销；删除前的数据另存为快照，可在“数据管理”中恢复）";

/// Said after a deletion: where to get it back.
pub fn deleted_note(snapshot_kept: bool) -> &'static str {
    if snapshot_kept {
        "删除前的数据已存为快照；删错了可点“撤销”（或按 Ctrl+Z）。"
    } else {
        "删错了可点“撤销”（或按 Ctrl+Z）。"
    }
}

/// Said when another tab's save is taken in over this tab's undo steps.
pub const UNDO_LOST_TO_OTHER_TAB: &str =
    "本窗口的“撤销”已不可用（另一个窗口保存之后，撤销会抹掉那次修改）。";

/// The snapshot of another tab's data taken before 保留本窗口的数据 replaces it.
pub const REPLACED_SNAPSHOT: &str = "被另一窗口替换前的数据";

/// Said after 保留本窗口的数据, when the other tab's data was kept as a snapshot.
pub fn kept_this_tab_with_snapshot() -> String {
    format!("已保存本窗口的数据，另一个窗口的那次修改已被替换；替换前的数据已存为快照“{REPLACED_SNAPSHOT}”，如需找回，可在“数据管理”中恢复或对照。")
}

/// Said in a tab whose last save another tab's 保留本窗口的数据 replaced; `kept` when
/// the other tab kept the replaced data as the snapshot [`REPLACED_SNAPSHOT`].
pub fn replaced_by_other_tab(kept: bool) -> String {
    let snapshot = if kept {
        format!("；替换前的数据已存为快照“{REPLACED_SNAPSHOT}”")
    } else {
        String::new()
    };
    format!("另一个窗口选择了“{KEEP_THIS_TAB}”，本窗口刚才保存的修改已被它替换（仍显示在本页上，尚未保存{snapshot}）。")
}
/// Take the stored data in a conflict.
pub const TAKE_STORED: &str = "改用已保存的数据";

/// A short description of what a state holds, for confirmations.
pub fn describe_state(s: &crate::domain::AppState) -> String {
    let [units, schemes, rounds, sheets, outcomes, pairings, items, resources, visits, applications] =
        record_counts(s);
    format!(
        "{units} 个单位、{schemes} 个考评方案版本、{rounds} 个考评轮次、{sheets} 份评分表、{outcomes} 项成果、{pairings} 个结对、{items} 项整改、{resources} 条保障投入、{visits} 次督导、{applications} 份申报"
    )
}

/// How many records of each kind the data holds, in [`describe_state`]'s order.
pub fn record_counts(s: &crate::domain::AppState) -> [usize; 10] {
    [
        s.units.len(),
        s.schemes.len(),
        s.rounds.len(),
        s.rounds.iter().map(|r| r.sheets.len()).sum(),
        s.outcomes.len(),
        s.pairings.len(),
        s.rectifications.len(),
        s.resources.len(),
        s.guidance_visits.len(),
        s.applications.len(),
    ]
}

/// Said in a confirmation before data is replaced.
pub const REPLACE_KEEPS_SNAPSHOT: &str =
    "替换前会自动保存一份当前数据的快照，可在“数据管理”的“快照”中恢复；也可立即点“撤销”退回。";
/// Said instead when there is no data to keep (no snapshot is taken of nothing).
pub const REPLACE_NOTHING_TO_KEEP: &str =
    "本浏览器中还没有数据，不另存快照；替换后也可立即点“撤销”退回。";

/// What a confirmation says of the data it replaces: a snapshot is kept, or there is
/// nothing to keep.
pub fn replace_keeps(s: &crate::domain::AppState) -> &'static str {
    if *s == crate::domain::AppState::default() {
        REPLACE_NOTHING_TO_KEEP
    } else {
        REPLACE_KEEPS_SNAPSHOT
    }
}
/// What replacing the data says of forms filled and not saved (`forms`, their names):
/// they go with the data they were about (a clerk's re-test: 载入示例数据 dropped a half
/// typed 登记督导 unsaid). Empty when there are none.
pub fn unsaved_forms_dropped(forms: &[String]) -> String {
    if forms.is_empty() {
        String::new()
    } else {
        format!("填写后尚未保存的表单内容（{}）也将丢弃。", forms.join("、"))
    }
}
/// The "any" option of a filter.
pub const ANY: &str = "全部";
/// Saving a corrected record.
pub const SAVE_CHANGES: &str = "保存修改";
/// A unit's status change form (its name, and its kept text's).
pub const CHANGE_STATUS: &str = "变更状态";
/// A form opened again with the text typed into it before the person left.
pub const DRAFT_RESTORED: &str =
    "已恢复您上次离开时尚未保存的内容，请核对后保存；不需要的可直接删改。";
/// A scheme's edits not saved yet, among the unsaved forms another tab left.
pub const SCHEME_EDITS: &str = "方案的修改";
/// An item past its deadline, raised before its unit left (退出, 摘牌) and was selected
/// again: not counted overdue (`rectification::unit_left_by`).
pub const RAISED_BEFORE_RESELECTED: &str = "单位重新入选前提出，不计为逾期";
/// The button that logs a pairing activity (and the way on when one being corrected
/// was deleted).
pub const LOG_ACTIVITY: &str = "记录活动";
/// What a saved correction says.
pub const CHANGES_SAVED: &str = "已保存修改。";
/// A form about to write over a record saved elsewhere after it opened
/// (`fields::StaleGuard`); `submit` is the form's button.
pub fn saved_elsewhere(submit: &str) -> String {
    format!(
        "在您填写期间，这条记录已有别的修改（本页的其他操作、另一个窗口或一次导入），表单里的内容是修改前的。如仍以表单填写的为准，请再点一次“{submit}”；否则请点“取消”，核对页面上的新内容后再修改。"
    )
}
/// A form saved over a record another window (or an import) changed meanwhile, where
/// both changed the fields `said` names (`domain::form_merge`); `submit` is the form's
/// button.
pub fn edited_elsewhere(said: &str, submit: &str) -> String {
    format!(
        "在您修改期间，这条记录在别处（本页的其他操作、另一个窗口或一次导入）也被修改了：{said}。如仍以本窗口填写的为准，请再点一次“{submit}”（您没有改动的项目会保留别处的修改）；否则请改正后再保存。"
    )
}
/// Said after a form's save kept what another window changed meanwhile in the fields
/// the form left alone.
pub const OTHERS_KEPT: &str = "您没有改动的项目保留了这期间在别处所做的修改。";

/// [`CHANGES_SAVED`], with [`OTHERS_KEPT`] when the record had changed elsewhere while
/// the form was open.
pub fn changes_saved(others_kept: bool) -> String {
    if others_kept {
        format!("{CHANGES_SAVED}{OTHERS_KEPT}")
    } else {
        CHANGES_SAVED.to_string()
    }
}
/// A score typed in a cell (`what`: unit and indicator) that changed elsewhere while
/// it was being typed, from `began` to `stored` (the grid and 逐个单位录入): not stored.
pub fn score_changed_while_typing(
    what: &str,
    began: Option<crate::domain::Points>,
    stored: Option<crate::domain::Points>,
    typed: &str,
) -> String {
    let shown = |p: Option<crate::domain::Points>| match p {
        Some(p) => format!("“{p}”"),
        None => "空白".to_string(),
    };
    format!(
        "{what}：在您输入期间，这一格已由{}改为{}（另一个窗口保存或撤销了修改），您输入的“{}”没有保存。如仍要改，请重新输入。",
        shown(began),
        shown(stored),
        typed.trim()
    )
}
/// A scheme's 一票否决 items (the editor's section and the printed scheme).
pub const VETO_ITEMS: &str = "一票否决项目";
/// What a 一票否决 item does.
pub const VETO_RULE: &str = "出现任一项，等次即为不合格，不论得分多少";
/// Correcting an outcome's record (action, form and button).
pub const EDIT_OUTCOME: &str = "修改成果";
/// Said after an outcome's record is corrected.
pub const OUTCOME_SAVED: &str = "已保存成果的修改。";

/// Loading the sample data (the button, the action and the undo entry).
pub const LOAD_SAMPLE: &str = "载入示例数据";
/// The confirmation before the sample data replaces what is there.
pub const CONFIRM_LOAD_SAMPLE: &str = "确认载入示例数据";
/// A snapshot that is no longer there.
pub const SNAPSHOT_NOT_FOUND: &str =
    "找不到这个快照：它可能已在另一个窗口中被删除，或因保存了新的快照而被替换（只保留最近几份）。请核对快照列表后再操作";
/// The confirmation (and the undo entry) of a status change.
pub const CONFIRM_STATUS_CHANGE: &str = "确认状态变更";
/// The hint inside an empty 文号 field.
pub const DOC_NO_EXAMPLE: &str = "如 市直机关工委〔2026〕12号";
/// An outcome recognised as an innovation outcome.
pub const RECOGNISED_INNOVATION: &str = "已认定为创新成果";
/// The title of the question asked when a snapshot could not be kept.
pub const SNAPSHOT_NOT_KEPT: &str = "快照未能保存";
/// Adding a rectification item (button, form and its title).
pub const ADD_RECTIFICATION: &str = "登记整改事项";
/// The first option of a form's unit choice while none is chosen (checked on submit).
pub const CHOOSE_UNIT: &str = "请选择单位";
/// The mark of a rectification item closed (销号) after its deadline.
pub const CLOSED_LATE: &str = "逾期销号";
/// The mark of a rectification item whose deadline was moved after it had passed.
pub const EXTENDED_WHEN_OVERDUE: &str = "逾期后延期";
/// Correcting a rectification item (button, form and its title).
pub const EDIT_RECTIFICATION: &str = "修改整改事项";
/// Turning a visit's finding into a rectification item (button and form).
pub const FINDING_TO_ITEM: &str = "转为整改事项";
/// The badge on an idle pairing.
pub const IDLE: &str = "不活跃";
/// A page asked for a task copy (`?copy=`) this browser does not hold.
pub const COPY_MISSING: &str =
    "本浏览器中没有这份任务副本（可能已被删除），现在显示的是本机数据。如需继续填写，请重新打开工委发来的任务文件。";
/// A page opened on another copy than the one in use before (a restart opens the
/// browser's first): which one is shown, and how to go back.
pub fn copy_in_use_before(before: &str, shown: &str) -> String {
    format!("上次使用的是「{before}」，现在显示的是「{shown}」。如要接着填写「{before}」，请点页面顶部的“切换到：{before}”。")
}
/// The 保障投入 fields' names, shared with the import preview (domain).
pub use crate::domain::between_rounds::resources::{ACTIVITY_FUNDS_LABEL, PARTY_FUNDS_LABEL};
/// A pairing with no activity logged.
pub const NO_ACTIVITY_YET: &str = "尚无活动记录。";
/// Adding a progress note to a rectification item (form and undo label).
pub const LOG_PROGRESS: &str = "记录整改进展";
/// Writing a 佐证说明 (the undo list's name for it), beside the scores or under the grid.
pub const WRITE_EVIDENCE_NOTE: &str = "填写佐证说明";
/// An item reported done (the undo list's name for it).
pub const REPORT_DONE: &str = "标记整改已完成";
/// 批量登记加减分: the round page's link, and the grid page's title and form.
pub const ADJUSTMENT_GRID: &str = "批量登记加减分";
/// The heading over a round's (or a unit's) lifecycle proposals.
pub const LIFECYCLE_PROPOSALS: &str = "动态管理建议";
/// A round whose results cannot be computed (the reason follows).
pub const ROUND_NOT_COMPUTED: &str = "无法计算本轮结果：";

/// 督导 and 概览, when no unit is a 示范点 or 创建单位 (nothing to be unvisited).
pub const NO_SITES_TO_VISIT: &str = "还没有示范点或创建单位。";

/// After a refused change: nothing was kept.
pub const NOT_SAVED_FIX_IT: &str = "没有保存，请改正后再试。";

/// The add-unit form, when a status other than 创建中 is chosen.
pub const STATUS_WITHOUT_HISTORY: &str = "以此状态直接登记，适用于本程序启用前已授牌（或已警示、摘牌）的单位，不记入状态履历，也不计入本年度的授牌、警示、摘牌统计；已授牌、警示的单位添加后，请在单位页面“补记授牌信息”（授牌日期、牌匾编号），以便到期复查。本年度新授牌的单位，请按“创建中”添加后，在单位页面用“变更状态”办理，以记下日期、牌匾编号和文号。";

/// The 整改通知 link (the 整改 list with a unit chosen, and an item's page).
pub const RECTIFICATION_NOTICE: &str = "整改通知";

/// Said while a .docx is being written (the office module may load first).
pub const WRITING_DOCX: &str = "正在生成 Word 文档……";

/// How units with the same total are placed (`scoring::rank_cmp`), said under the ranking.
pub const TIE_RULE: &str = "总分相同的单位名次并列，排列先后依次按示范带动类得分、自身建设类得分（各为考评方案中“考评侧重”属于该类的一级指标得分之和，高者在前）和单位名称（按汉字的计算机编码顺序，不是拼音或笔画顺序）确定；设有优秀比例上限时，名额按此先后计。受一票否决的单位仍按总分排出名次，等次一律为不合格，不占优秀名额。";

/// Said on a scored round's page when another version of its scheme exists.
pub const SCHEME_FIXED_ONCE_SCORED: &str = "本轮已录入分数，考评方案不能再更换：已有评分的轮次始终按其原方案计分。方案的修订版可在新建考评轮次时选用。";

/// Printed at the top of the 得分明细 page: what it is, and what to give a unit instead.
pub const INTERNAL_PRINT_NOTE: &str =
    "工委内部材料（类型认定和动态管理建议不打印）。发给单位的材料请打印“考评报告”。";

/// 登记保障投入: the committee page's button, and the name its form's draft is kept under.
pub const ADD_RESOURCE: &str = "登记保障投入";

/// The undo label of deleting a pairing's activity (结对 page, a unit's copy).
pub const DELETE_ACTIVITY: &str = "删除结对活动";

/// The title of the confirmation before deleting an outcome (成果 page, a unit's copy).
pub const CONFIRM_DELETE_OUTCOME: &str = "确认删除成果";

/// The confirmation before a unit's copy deletes what it entered and has not returned
/// (`what`: 成果「…」, 2026-11-10的结对活动“…”).
pub fn unreported_delete_question(what: &str) -> String {
    format!("将删除{what}。工委那里还没有它（还没有报送，或工委没有收下所在的报送文件），删除后不会报送。删错了可用右上角的“撤销”恢复{UNDO_LIMITS}。")
}

/// Why 导出备份 is refused in a read-only tab that read nothing of the stored data.
pub fn empty_backup_refused(why: crate::ui::state::ReadOnly) -> &'static str {
    match why {
        crate::ui::state::ReadOnly::NewerApp => "没有导出备份：浏览器中的数据由更新版本的程序保存，本窗口没有读出它，现在导出的备份是空的，不能用来恢复。浏览器中的数据没有被改动；请用新版本的程序打开后再导出备份。",
        crate::ui::state::ReadOnly::Unreadable => "没有导出备份：本窗口没有读出浏览器中保存的数据，现在导出的备份是空的，不能用来恢复。浏览器中的数据没有被改动；请关闭本程序的其他窗口后重新载入页面，读出数据后再导出备份。",
    }
}

/// Put in the name of a backup made after a partial recovery (rounds missing).
pub const INCOMPLETE_BACKUP_MARK: &str = "-缺考评轮次";

/// Said when a backup is made after a partial recovery: what it lacks.
pub fn incomplete_backup_said(name: &str, missing: usize) -> String {
    format!("已导出备份“{name}”，但它缺少打开本程序时读不出来的 {missing} 个考评轮次，不是完整的备份：请不要用它替换以前的完整备份文件；如有完整的备份文件或快照，请先恢复。")
}

/// Added to a paste's summary when the data as it stood was kept as a snapshot first.
pub const PASTE_SNAPSHOT_KEPT: &str = "粘贴前的数据已存为快照（见“数据管理”）。";

/// The title of the question before a paste part of which falls outside the grid.
pub const PASTE_OVERFLOW_TITLE: &str = "粘贴内容超出表格";

/// The question before a paste of which `outside` cells fall outside the grid.
pub fn paste_overflow(outside: usize) -> String {
    format!(
        "粘贴的内容有 {outside} 个单元格超出表格范围：可能起始的单元格选错了（例如下移了一行），或复制的范围比本表大。照这样粘贴，各单位的分数可能错位。请核对后重新选择起始单元格再粘贴；确认无误再点“仍然粘贴”（超出的部分不粘贴）。"
    )
}
