//! A stored value the app could not read, set aside when the app opened (see
//! `store::Store::key_damaged`), written out as a file for whoever tries to recover it:
//! the value and every part it names, exactly as stored. The app never reads such a
//! file back; 从备份恢复 and 数据交换 say what it is when it is chosen there.

use std::collections::BTreeMap;

use serde::Serialize;

use super::parts;

/// The `format` tag of a file of damaged data.
pub const DAMAGED_TAG: &str = "exemplar-damaged";

/// The button that writes such a file (数据管理), named where the file is refused.
pub const EXPORT_DAMAGED: &str = "导出损坏的数据";

/// The banner's button that lets a tab save again after a damaged load lost rounds
/// (named in the load notice that tells of it, and in each refusal while held).
pub const GO_ON_WITHOUT_LOST_ROUNDS: &str = "不恢复，继续工作";

#[derive(Serialize)]
struct DamagedFile<'a> {
    format: &'static str,
    exported_at: &'a str,
    /// The browser key the value was set aside under.
    key: &'a str,
    value: &'a str,
    /// The parts the value names, as stored (`null`: no longer in the browser).
    parts: BTreeMap<&'a str, Option<&'a str>>,
}

/// The names of the parts a damaged value names: none when it is not a manifest that
/// can still be read (a value cut before its list of parts, or an older single value).
pub fn part_names(value: &str) -> Vec<String> {
    if !parts::is_manifest(value) {
        return Vec::new();
    }
    parts::parse_manifest(value)
        .map(|m| m.parts().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The file of a damaged value set aside under `key`, with the parts it names
/// (`None`: not found in the browser).
pub fn damaged_file(
    key: &str,
    value: &str,
    found: &[(String, Option<String>)],
    exported_at: &str,
) -> String {
    let file = DamagedFile {
        format: DAMAGED_TAG,
        exported_at,
        key,
        value,
        parts: found
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_deref()))
            .collect(),
    };
    // Strings and maps of strings always serialise.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parts::{plan_save, PartCache};
    use crate::domain::revisions::Stamp;
    use crate::domain::sample::sample_city;

    /// The sample city and the plan of its first save as parts.
    fn first_save() -> (crate::domain::AppState, crate::domain::parts::SavePlan) {
        let state = sample_city(3);
        let plan = plan_save(
            &state,
            &PartCache::default(),
            None,
            &Stamp::new(4, "t"),
            "",
            "t1",
        );
        (state, plan)
    }

    #[test]
    fn a_damaged_manifest_is_written_out_with_every_part_it_names_as_stored() {
        let (state, plan) = first_save();
        let stored = plan.manifest.to_stored();
        let names = part_names(&stored);
        assert_eq!(
            names.len(),
            1 + state.rounds.len(),
            "the rest and every round"
        );
        // One part spoiled, one gone: both are said as they are.
        let mut found: Vec<(String, Option<String>)> = names
            .iter()
            .map(|n| {
                let p = plan
                    .writes
                    .iter()
                    .find(|p| &p.name == n)
                    .map(|p| p.value.clone());
                (n.clone(), p)
            })
            .collect();
        found[1].1 = found[1]
            .1
            .as_ref()
            .map(|v| v.chars().take(v.chars().count() / 2).collect());
        found[2].1 = None;
        let text = damaged_file(
            "exemplar.state.damaged",
            &stored,
            &found,
            "2026-12-04T09:00:00Z",
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["format"], DAMAGED_TAG);
        assert_eq!(v["key"], "exemplar.state.damaged");
        assert_eq!(v["exported_at"], "2026-12-04T09:00:00Z");
        assert_eq!(
            v["value"].as_str(),
            Some(stored.as_str()),
            "the value exactly"
        );
        assert_eq!(v["parts"].as_object().unwrap().len(), names.len());
        assert_eq!(v["parts"][&names[1]].as_str(), found[1].1.as_deref());
        assert!(v["parts"][&names[2]].is_null());
        assert_eq!(v["parts"][&names[0]].as_str(), found[0].1.as_deref());
    }

    #[test]
    fn a_value_that_is_no_manifest_names_no_parts_and_is_kept_whole() {
        for raw in ["", "{\"format\":\"exemplar-state\",\"sch", "\u{0}\u{1}垃圾"] {
            assert!(part_names(raw).is_empty());
            let text = damaged_file("k", raw, &[], "t");
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["value"].as_str(), Some(raw));
        }
        // A manifest cut inside its list of parts.
        let (_, plan) = first_save();
        let stored = plan.manifest.to_stored();
        assert!(part_names(&stored[..stored.len() - 10]).is_empty());
    }
}
