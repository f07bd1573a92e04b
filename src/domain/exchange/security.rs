//! Security settings a whole-state replacement would change: the access codes the
//! committee issued, its signing key, and a task copy's own code and pinned key. A
//! backup must never swap them unseen (issue 18 item 2): each change is a line of its
//! own in the preview and needs its own confirmation ([`super::Decisions::confirm_security`]).

use super::envelope::Party;
use crate::domain::model::AppState;

/// A code shown in a preview: its first group only (`7QKX-…`), enough to tell two
/// apart without putting the whole code on screen.
fn masked(code: &str) -> String {
    let head: String = code.chars().take(4).collect();
    format!("{head}-…")
}

fn key_head(k: &str) -> String {
    let head: String = k.chars().take(8).collect();
    format!("{head}…")
}

fn party_name(state: &AppState, round_id: &str, p: &Party) -> String {
    let name = match p {
        Party::Unit(u) => state.unit(u).map(|x| x.name.clone()),
        Party::Assessor(a) => state
            .round(round_id)
            .and_then(|r| r.assessors.iter().find(|x| &x.id == a))
            .map(|x| x.name.clone()),
        _ => None,
    };
    p.describe(&name.unwrap_or_default())
}

fn round_name(state: &AppState, round_id: &str) -> String {
    state
        .round(round_id)
        .map(|r| r.name.clone())
        .unwrap_or_else(|| round_id.to_string())
}

/// The security settings `next` would change in `current`, one line each, in Chinese.
/// Empty when `current` is a blank browser (nothing there to protect) or nothing
/// changes.
pub fn security_changes(current: &AppState, next: &AppState) -> Vec<String> {
    if super::import::is_blank(current) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Whose copy this browser is: a unit's backup restored into the committee's browser
    // turns it into that unit's fill-in copy, which must be said in plain words first.
    let whose = |s: &AppState| {
        s.workspace
            .as_ref()
            .map(|ws| ws.party.describe(&ws.party_name))
    };
    match (whose(current), whose(next)) {
        (None, Some(them)) => out.push(format!(
            "这是{them}的填报副本的备份：恢复后本浏览器将变为{them}的填报方式，工委的名册、考评、发布等功能都不再显示（可从快照恢复为现在的数据）"
        )),
        (Some(me), None) => out.push(format!(
            "这是工委的完整数据：恢复后本浏览器将不再是{me}的填报副本，而显示工委的全部数据"
        )),
        (Some(me), Some(them)) if me != them => out.push(format!(
            "这是{them}的填报副本的备份，本浏览器现在是{me}的填报副本：恢复后将换成{them}的"
        )),
        _ => {}
    }
    let (old, new) = (&current.exchange, &next.exchange);
    for c in &old.codes {
        let who = party_name(current, &c.round_id, &c.party);
        let round = round_name(current, &c.round_id);
        match new.code_for(&c.round_id, &c.party) {
            Some(n) if n.code == c.code => {}
            Some(n) => out.push(format!(
                "访问码将被更换：{who}在考评轮次「{round}」的访问码由本机的 {} 换成文件中的 {}。换后只有持新访问码的人导出的文件才能通过签名验证",
                masked(&c.code),
                masked(&n.code)
            )),
            None => out.push(format!(
                "访问码将被删除：{who}在考评轮次「{round}」的访问码 {}。删除后对方交回的文件无法核对签名",
                masked(&c.code)
            )),
        }
    }
    for n in &new.codes {
        if old.code_for(&n.round_id, &n.party).is_none() {
            out.push(format!(
                "将新增访问码：{}在考评轮次「{}」的访问码 {}（本机从未发放过）",
                party_name(next, &n.round_id, &n.party),
                round_name(next, &n.round_id),
                masked(&n.code)
            ));
        }
    }
    match (&old.key, &new.key) {
        (Some(a), Some(b)) if a.public == b.public && a.secret == b.secret => {}
        (Some(a), Some(b)) => out.push(format!(
            "工委签名密钥将被更换（公钥 {} → {}）：已发出的任务文件中的单位和评委将不再认可此后发布的结果",
            key_head(&a.public),
            key_head(&b.public)
        )),
        (Some(a), None) => out.push(format!(
            "工委签名密钥将被删除（公钥 {}）：此后发布结果前会生成新密钥，已发出的任务副本将不认可",
            key_head(&a.public)
        )),
        (None, Some(b)) => out.push(format!(
            "将新增工委签名密钥（公钥 {}）",
            key_head(&b.public)
        )),
        (None, None) => {}
    }
    match (&current.workspace, &next.workspace) {
        (Some(a), Some(b)) => {
            if a.access_code != b.access_code {
                out.push(format!(
                    "本机任务副本的访问码将由 {} 换成 {}",
                    masked(&a.access_code),
                    masked(&b.access_code)
                ));
            }
            if a.committee_key != b.committee_key {
                out.push(format!(
                    "本机认可的工委公钥将由 {} 换成 {}：此后只认可新公钥签名的考评结果",
                    key_head(&a.committee_key),
                    key_head(&b.committee_key)
                ));
            }
        }
        (Some(a), None) if !a.access_code.is_empty() => out.push(format!(
            "本机任务副本的访问码 {} 和工委公钥将被删除",
            masked(&a.access_code)
        )),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::issue_code;

    #[test]
    fn a_swapped_code_is_a_line_of_its_own_and_a_blank_browser_has_none() {
        let mut a = AppState::default();
        a.settings.next_id = 1;
        issue_code(&mut a, "r1", Party::Unit("u1".into()), "t", b"x");
        let mut b = a.clone();
        b.exchange.codes[0].code = "ZZZZ-ZZZZ-ZZZZ-ZZZZ".into();
        let lines = security_changes(&a, &b);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].contains("ZZZZ-…"), "{lines:?}");
        assert!(
            !lines[0].contains("ZZZZ-ZZZZ"),
            "the whole code is not shown"
        );
        assert!(security_changes(&a, &a).is_empty());
        assert!(security_changes(&AppState::default(), &b).is_empty());
    }

    #[test]
    fn a_units_backup_restored_over_the_committees_data_says_whose_copy_it_makes() {
        // Neither is a blank browser: both hold the sample city.
        let committee = crate::domain::sample::sample_city(2026);
        let mut unit = committee.clone();
        unit.workspace = Some(crate::domain::exchange::Workspace {
            party: Party::Unit("u1".into()),
            party_name: "市民政局综合科党支部".into(),
            round_id: "r1".into(),
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
        let lines = security_changes(&committee, &unit);
        assert!(
            lines[0].starts_with(
                "这是单位「市民政局综合科党支部」的填报副本的备份：恢复后本浏览器将变为"
            ),
            "{lines:?}"
        );
        let back = security_changes(&unit, &committee);
        assert!(back[0].starts_with("这是工委的完整数据"), "{back:?}");
    }
}
