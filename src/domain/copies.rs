//! Several task copies in one browser: an assessor in two rounds, a secretary of two
//! branches, or a committee clerk who also scores. The browser's own data (the main
//! copy) stays where it always was; each task file opened in a browser that already has
//! data becomes a copy of its own, stored under its own key prefix and listed here, so
//! the copies never mix. Pure: the list, the ids and the labels; the store keeps them.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::exchange::{
    apply, is_blank, preview_package, read_package, Decisions, ExchangeError, ImportOptions,
    PackageKind, Party, Preview, Workspace,
};
use super::model::AppState;

/// The storage key prefix of the main copy (the browser's own data).
pub const MAIN_PREFIX: &str = "exemplar";

/// The query parameter that names the copy a tab shows: `?copy=<id>`.
pub const COPY_PARAM: &str = "copy";

/// One task copy in this browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyEntry {
    /// Stable for one round and one person (see [`copy_id`]); letters and digits only.
    pub id: String,
    /// As shown in the switcher, e.g. `2026年度考评 · 评委「张明」`.
    pub label: String,
    /// When it was opened (ISO 8601).
    #[serde(default)]
    pub opened_at: String,
}

/// The copies of this browser besides the main one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CopyList {
    #[serde(default)]
    pub copies: Vec<CopyEntry>,
    /// What the main copy holds, as last seen (shown while another copy is open).
    #[serde(default)]
    pub main_label: String,
    /// The task the main copy holds (its [`copy_id`]), as last seen; empty when it holds
    /// no task (the committee's own data). That task's file opened again from another
    /// copy switches back to the main copy rather than making a second, empty copy.
    #[serde(default)]
    pub main_id: String,
    /// The copy a page last opened (its id; empty: the main copy). A page opened without
    /// naming a copy shows the main one, and says which copy was in use before (a
    /// clerk's review: after a restart an assessor typed one task's scores into another
    /// task's sheet, the browser's first).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub last_shown: String,
}

impl CopyList {
    /// Reads the stored list; an unreadable one is treated as empty (the copies' data
    /// stays stored under their keys and the person can open their task files again).
    pub fn parse(text: &str) -> CopyList {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The stored form.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The copy with this id.
    pub fn find(&self, id: &str) -> Option<&CopyEntry> {
        self.copies.iter().find(|c| c.id == id)
    }

    /// Adds a copy, or renames the one with the same id.
    pub fn upsert(&mut self, entry: CopyEntry) {
        match self.copies.iter_mut().find(|c| c.id == entry.id) {
            Some(c) => c.label = entry.label,
            None => self.copies.push(entry),
        }
    }

    /// The copy in use before, when a page opens on another one (`shown`: the copy it
    /// shows, `None` for the main copy): the last one opened, if still listed. Notes
    /// `shown` as the last one opened. `None` when it is the same.
    pub fn opened(&mut self, shown: Option<&str>) -> Option<CopyEntry> {
        let shown = shown.unwrap_or_default();
        let before = (self.last_shown != shown)
            .then(|| self.find(&self.last_shown).cloned())
            .flatten();
        self.last_shown = shown.to_string();
        before
    }

    /// Forgets a copy (its stored data is removed by the store).
    pub fn remove(&mut self, id: &str) {
        self.copies.retain(|c| c.id != id);
    }
}

/// The id of the copy for one person's task in one round: the same task file opened
/// twice finds the same copy. 12 hex digits of SHA-256, so it is safe in a key and a URL.
pub fn copy_id(round_id: &str, party: &Party) -> String {
    let mut h = Sha256::new();
    h.update(round_id.as_bytes());
    h.update([0]);
    h.update(party.origin().as_bytes());
    h.update([0]);
    h.update(match party {
        Party::Unit(_) => b"u".as_slice(),
        Party::Assessor(_) => b"a",
        Party::Committee => b"c",
        Party::Public => b"p",
    });
    h.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The storage key prefix of a copy.
pub fn prefix(id: &str) -> String {
    format!("{MAIN_PREFIX}.copy.{id}")
}

/// The copy id a page's query string names (`?copy=ab12…`), if it is a well-formed one.
pub fn copy_from_query(search: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == COPY_PARAM)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// How a state is named in the switcher: the round and the person of a task copy, the
/// committee's data when it holds any (a clerk's review: beside a unit's copy,
/// "本机数据" did not say whose), otherwise `本机数据`.
pub fn label_of(state: &AppState) -> String {
    match &state.workspace {
        Some(w) => workspace_label(state, w),
        None if state.units.is_empty() && state.rounds.is_empty() => MAIN_LABEL.to_string(),
        None => COMMITTEE_LABEL.to_string(),
    }
}

/// The name of the browser's own data when it is not a task copy and holds nothing.
pub const MAIN_LABEL: &str = "本机数据";

/// The name of the browser's own data when it holds a roster or rounds: the committee's.
pub const COMMITTEE_LABEL: &str = "工委数据";

fn workspace_label(state: &AppState, w: &Workspace) -> String {
    let who = w.party.describe(&w.party_name);
    match state.round(&w.round_id) {
        Some(r) => format!("{} · {who}", r.name),
        None => who,
    }
}

/// The [`copy_id`] of the task a state holds, or empty when it holds none.
pub fn task_id_of(state: &AppState) -> String {
    entry_for(state, "").map(|e| e.id).unwrap_or_default()
}

/// The copy a task state (just opened from a task file) goes into, or `None` when the
/// state is not a task copy.
pub fn entry_for(state: &AppState, now: &str) -> Option<CopyEntry> {
    let w = state.workspace.as_ref()?;
    if w.round_id.is_empty() {
        return None;
    }
    Some(CopyEntry {
        id: copy_id(&w.round_id, &w.party),
        label: workspace_label(state, w),
        opened_at: now.to_string(),
    })
}

/// What a task file whose copy is already in this browser does: the note on its preview.
pub const COPY_EXISTS: &str = "本浏览器中已有这份任务的副本：确认后将切换到该副本，其中已填写的内容保留，不会被此文件覆盖。如此文件是工委更新后重新导出的，切换后请在该副本的“导入文件”中再导入一次，以取得其中新增的内容。";

/// A task file opened in a browser copy that already has data goes into a copy of its
/// own: previewed against an empty copy, with a note that says so (or, when `exists`
/// says that copy is already in this browser, that it will be switched to). `None` when
/// the file is not a task file (or cannot be read: the ordinary preview says why) or
/// this copy is empty (the file opens here, as in a new browser), and `None` too for the
/// task this copy holds: the ordinary preview then takes in what the file brings new
/// (`exchange::import`, a task update) and keeps what was filled in here.
pub fn preview_task_copy(
    state: &AppState,
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    now: &str,
    exists: impl Fn(&str) -> bool,
) -> Option<Result<(CopyEntry, Preview), ExchangeError>> {
    if is_blank(state) {
        return None;
    }
    let pkg = read_package(bytes).ok()?;
    if !matches!(
        pkg.envelope.kind,
        PackageKind::ToUnit | PackageKind::ToAssessor
    ) {
        return None;
    }
    let blank = AppState::default();
    let fresh = preview_package(&blank, name, &pkg, opts)
        .and_then(|p| apply(&blank, &p, &Decisions::default()).map(|next| (p, next)));
    // The task this copy holds: the ordinary preview takes what the file brings new
    // (a task file the committee exported again) and keeps what was filled in here.
    if let Ok((_, next)) = &fresh {
        let here = entry_for(state, now);
        if entry_for(next, now).is_some_and(|e| here.is_some_and(|h| h.id == e.id)) {
            return None;
        }
    }
    let previewed = (|| {
        let (mut p, next) = fresh?;
        let entry = entry_for(&next, now).ok_or(ExchangeError::Empty)?;
        // The committee choosing a task file it exported itself, most likely by mistake.
        let own = state.exchange.key.as_ref().is_some_and(|k| {
            next.workspace
                .as_ref()
                .is_some_and(|w| !w.committee_key.is_empty() && w.committee_key == k.public)
        });
        if own {
            let who = next
                .workspace
                .as_ref()
                .map(|w| w.party_name.clone())
                .unwrap_or_default();
            p.notes.insert(0, format!(
                "这是本机（工委）导出给「{who}」的任务文件：一般应交给对方在其电脑上打开。只有工委的同志本人要在这里填报时才需要导入；不是的话，请点“取消”"
            ));
        }
        p.notes.push(if exists(&entry.id) {
            COPY_EXISTS.to_string()
        } else {
            format!(
                "本浏览器已有数据：此任务将另存为一个任务副本「{}」，与原有数据分开保存，可在页面顶部的“切换数据”中随时切换",
                entry.label
            )
        });
        Ok((entry, p))
    })();
    Some(previewed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_opened_on_another_copy_names_the_one_in_use_before() {
        let entry = |id: &str| CopyEntry {
            id: id.into(),
            label: format!("副本{id}"),
            opened_at: String::new(),
        };
        let mut list = CopyList {
            copies: vec![entry("aa"), entry("bb")],
            ..CopyList::default()
        };
        // The main copy first: nothing was in use before.
        assert_eq!(list.opened(None), None);
        assert_eq!(list.opened(Some("aa")), None, "the main copy is not named");
        // A restart opens the main copy: the copy in use is named, once.
        assert_eq!(list.opened(None), Some(entry("aa")));
        assert_eq!(list.opened(None), None);
        // Another copy named by the page: the one before is named too.
        list.opened(Some("aa"));
        assert_eq!(list.opened(Some("bb")), Some(entry("aa")));
        // A copy removed since is not named.
        list.remove("bb");
        assert_eq!(list.opened(None), None);
        // Kept in the stored list; left out while empty.
        list.opened(Some("aa"));
        assert_eq!(CopyList::parse(&list.to_text()).last_shown, "aa");
        list.opened(None);
        assert!(!list.to_text().contains("last_shown"));
    }

    #[test]
    fn one_round_and_person_is_one_copy() {
        let a = copy_id("r1", &Party::Assessor("a1".into()));
        assert_eq!(a, copy_id("r1", &Party::Assessor("a1".into())));
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, copy_id("r2", &Party::Assessor("a1".into())));
        assert_ne!(a, copy_id("r1", &Party::Assessor("a2".into())));
        // A unit and an assessor with the same id are different people.
        assert_ne!(a, copy_id("r1", &Party::Unit("a1".into())));
        // The separator keeps ("r1","1a") apart from ("r11","a").
        assert_ne!(
            copy_id("r1", &Party::Unit("1a".into())),
            copy_id("r11", &Party::Unit("a".into()))
        );
    }

    #[test]
    fn the_query_names_a_copy_only_when_well_formed() {
        assert_eq!(copy_from_query("?copy=ab12"), Some("ab12".into()));
        assert_eq!(
            copy_from_query("?clock=2026-12-01&copy=ab12"),
            Some("ab12".into())
        );
        assert_eq!(copy_from_query(""), None);
        assert_eq!(copy_from_query("?copy="), None);
        assert_eq!(copy_from_query("?copy=../x"), None);
        assert_eq!(copy_from_query("?copy=a.b"), None);
    }

    #[test]
    fn the_list_adds_renames_and_forgets() {
        let mut l = CopyList::default();
        let e = |id: &str, label: &str| CopyEntry {
            id: id.into(),
            label: label.into(),
            opened_at: "2026-12-01T10:00:00Z".into(),
        };
        l.upsert(e("a", "甲"));
        l.upsert(e("b", "乙"));
        l.upsert(e("a", "甲二"));
        assert_eq!(l.copies.len(), 2);
        assert_eq!(l.find("a").map(|c| c.label.as_str()), Some("甲二"));
        assert_eq!(
            l.find("a").map(|c| c.opened_at.as_str()),
            Some("2026-12-01T10:00:00Z")
        );
        let back = CopyList::parse(&l.to_text());
        assert_eq!(back, l);
        l.remove("a");
        assert!(l.find("a").is_none());
        assert_eq!(CopyList::parse("not json"), CopyList::default());
    }

    #[test]
    fn only_a_task_state_goes_into_a_copy() {
        let mut s = crate::domain::sample::sample_city(2026);
        assert!(entry_for(&s, "t").is_none());
        assert_eq!(label_of(&s), COMMITTEE_LABEL);
        assert_eq!(label_of(&AppState::default()), MAIN_LABEL);
        let round = s.rounds[0].clone();
        s.workspace = Some(Workspace {
            party: Party::Assessor("a9".into()),
            party_name: "张明".into(),
            round_id: round.id.clone(),
            access_code: String::new(),
            issued_at: String::new(),
            base: Default::default(),
            results: Vec::new(),
            committee_key: String::new(),
            issued: Default::default(),
            returned: Default::default(),
            task_made_at: String::new(),
            corrected: Default::default(),
        });
        let e = entry_for(&s, "2026-12-01T10:00:00Z").expect("a task copy");
        assert_eq!(e.label, format!("{} · 评委「张明」", round.name));
        assert_eq!(e.id, copy_id(&round.id, &Party::Assessor("a9".into())));
        assert_eq!(label_of(&s), e.label);
        assert_eq!(prefix(&e.id), format!("exemplar.copy.{}", e.id));
    }

    #[test]
    fn a_task_file_in_a_copy_with_data_previews_as_a_copy_of_its_own() {
        use crate::domain::exchange::{export_backup, export_to_assessor, export_to_unit};
        let mut committee = crate::domain::sample::sample_city(2026);
        let round = committee.rounds.last().cloned().expect("a round");
        let assessor = round.assessors[0].clone();
        let now = "2026-12-01T10:00:00Z";
        let task = export_to_assessor(&mut committee, &round.id, &assessor.id, now, b"e")
            .expect("a task file");
        let opts = ImportOptions::default();
        let (entry, p) =
            preview_task_copy(&committee, "t.json", task.as_bytes(), &opts, now, |_| false)
                .expect("a task file in a copy with data")
                .expect("previews");
        assert_eq!(
            entry.id,
            copy_id(&round.id, &Party::Assessor(assessor.id.clone()))
        );
        assert_eq!(
            entry.label,
            format!("{} · 评委「{}」", round.name, assessor.name)
        );
        assert!(
            p.notes.iter().any(|n| n.contains(&entry.label)),
            "{:?}",
            p.notes
        );
        // The committee's own file, chosen in the committee's browser: said first.
        assert!(
            p.notes[0].starts_with(&format!(
                "这是本机（工委）导出给「{}」的任务文件",
                assessor.name
            )),
            "{:?}",
            p.notes
        );
        // What the copy will hold: the task, applied to an empty copy.
        let next = apply(&AppState::default(), &p, &Decisions::default()).expect("applies");
        assert!(next.workspace.is_some());
        assert!(
            next.exchange.is_empty(),
            "none of the committee's codes go into the copy"
        );

        // Opened again in the browser it first opened in (its data is that task): not an
        // empty copy beside the filled-in one, but the ordinary preview, a task update
        // (here with nothing new).
        let here = next.clone();
        assert!(
            preview_task_copy(&here, "t.json", task.as_bytes(), &opts, now, |_| false).is_none()
        );
        let update = crate::domain::exchange::preview(&here, "t.json", task.as_bytes(), &opts)
            .expect("previews");
        assert_eq!(
            update.notes,
            vec![crate::domain::exchange::TASK_UPDATE_NOTE.to_string()]
        );
        assert!(update.is_noop());
        // A copy of it already in the browser: the preview says it will be switched to,
        // and only that.
        let (_, p) = preview_task_copy(&committee, "t.json", task.as_bytes(), &opts, now, |id| {
            id == entry.id
        })
        .expect("a task file")
        .expect("previews");
        assert_eq!(p.notes.last().map(String::as_str), Some(COPY_EXISTS));
        assert!(
            !p.notes.iter().any(|n| n.contains("将另存为")),
            "{:?}",
            p.notes
        );
        // In an empty browser the file opens there, as before.
        assert!(preview_task_copy(
            &AppState::default(),
            "t.json",
            task.as_bytes(),
            &opts,
            now,
            |_| false
        )
        .is_none());
        // Other files are not task copies.
        let backup = export_backup(&committee, now);
        assert!(
            preview_task_copy(&committee, "b.json", backup.as_bytes(), &opts, now, |_| {
                false
            })
            .is_none()
        );
        assert!(
            preview_task_copy(&committee, "x.json", b"not json", &opts, now, |_| false).is_none()
        );
        // A unit's task file too, and a different person is a different copy.
        let unit_id = round.unit_ids[0].clone();
        let to_unit =
            export_to_unit(&mut committee, &round.id, &unit_id, now, b"e").expect("a task");
        let (unit_entry, _) =
            preview_task_copy(&committee, "u.json", to_unit.as_bytes(), &opts, now, |_| {
                false
            })
            .expect("a task file")
            .expect("previews");
        assert_ne!(unit_entry.id, entry.id);
        // Another committee's file (another key) is not called this browser's.
        let mut other = committee.clone();
        other.exchange.key = None;
        crate::domain::exchange::ensure_committee_key(&mut other, now, b"another committee");
        let (_, p) = preview_task_copy(&other, "t.json", task.as_bytes(), &opts, now, |_| false)
            .expect("a task file")
            .expect("previews");
        assert!(!p.notes.iter().any(|n| n.contains("本机（工委）导出")));
    }
}
