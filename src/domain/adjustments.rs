//! Recording bonus (加分), deduction (扣分) and veto (一票否决) items against a unit in a
//! round: the choices the scheme offers, adding one with its checks, removing one, and
//! the unit's list. Scoring applies them (`scoring::compute_round`); this only edits
//! `Round::adjustments`.

use thiserror::Error;

use super::model::*;
use super::points::Points;

/// The most occurrences one record may count.
pub const MAX_COUNT: u32 = 99;

/// Why an adjustment cannot be added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AdjustmentError {
    #[error("找不到考评轮次「{0}」。")]
    RoundNotFound(String),
    #[error("考评轮次「{round}」使用的考评方案已不存在，无法登记加减分。")]
    SchemeNotFound { round: String },
    #[error("单位「{unit}」不在考评轮次「{round}」中。")]
    UnitNotInRound { round: String, unit: String },
    #[error("考评方案「{scheme}」中没有这个{kind}项目（{item}），请重新选择项目。")]
    ItemNotFound {
        scheme: String,
        kind: &'static str,
        item: String,
    },
    #[error("次数应为1到99之间的整数，填的是“{0}”，请改正。")]
    BadCount(String),
    #[error("这条加减分记录已不存在（可能已删除）。")]
    RecordNotFound,
}

/// The word for a kind, as the screens say it.
pub fn kind_label(kind: AdjustmentKind) -> &'static str {
    match kind {
        AdjustmentKind::Bonus => "加分",
        AdjustmentKind::Deduction => "扣分",
        AdjustmentKind::Veto => "一票否决",
    }
}

/// One item a unit can be given, as the 项目 list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChoice {
    pub kind: AdjustmentKind,
    pub item_id: Id,
    pub name: String,
    /// Points per occurrence; `None` for a veto.
    pub points: Option<Points>,
}

impl ItemChoice {
    /// A stable key for a `<select>` value: `b:`, `d:` or `v:` and the item id.
    pub fn key(&self) -> String {
        let p = match self.kind {
            AdjustmentKind::Bonus => "b",
            AdjustmentKind::Deduction => "d",
            AdjustmentKind::Veto => "v",
        };
        format!("{p}:{}", self.item_id)
    }

    /// What the list shows: `名称（+2分）`, `名称（−1分）` or the veto's name; an item
    /// of 0 points (its effect is in the sheets, e.g. 材料弄虚作假: the indicator scored
    /// 0) `名称（不另扣分）`, not a puzzling `−0分`.
    pub fn label(&self) -> String {
        match (self.kind, self.points) {
            (AdjustmentKind::Deduction, Some(p)) if p == Points::ZERO => {
                format!("{}（不另扣分）", self.name)
            }
            (AdjustmentKind::Bonus, Some(p)) if p == Points::ZERO => {
                format!("{}（不另加分）", self.name)
            }
            (AdjustmentKind::Bonus, Some(p)) => format!("{}（+{p}分）", self.name),
            (AdjustmentKind::Deduction, Some(p)) => format!("{}（−{p}分）", self.name),
            _ => self.name.clone(),
        }
    }
}

/// Reads a key made by [`ItemChoice::key`].
pub fn parse_key(key: &str) -> Option<(AdjustmentKind, &str)> {
    let (p, id) = key.split_once(':')?;
    let kind = match p {
        "b" => AdjustmentKind::Bonus,
        "d" => AdjustmentKind::Deduction,
        "v" => AdjustmentKind::Veto,
        _ => return None,
    };
    (!id.is_empty()).then_some((kind, id))
}

/// The scheme's items: bonus, then deduction, then veto, each in the scheme's order.
pub fn item_choices(scheme: &Scheme) -> Vec<ItemChoice> {
    let adj = |kind, items: &[AdjustmentItem]| {
        items
            .iter()
            .map(|i| ItemChoice {
                kind,
                item_id: i.id.clone(),
                name: i.name.clone(),
                points: Some(i.points),
            })
            .collect::<Vec<_>>()
    };
    let mut v = adj(AdjustmentKind::Bonus, &scheme.bonus_items);
    v.extend(adj(AdjustmentKind::Deduction, &scheme.deduction_items));
    v.extend(scheme.veto_items.iter().map(|i| ItemChoice {
        kind: AdjustmentKind::Veto,
        item_id: i.id.clone(),
        name: i.name.clone(),
        points: None,
    }));
    v
}

/// Reads the 次数 field: a whole number from 1 to [`MAX_COUNT`].
pub fn parse_count(text: &str) -> Result<u32, AdjustmentError> {
    let t = text.trim();
    match crate::domain::typed::half_width(t).parse::<u32>() {
        Ok(n) if (1..=MAX_COUNT).contains(&n) => Ok(n),
        _ => Err(AdjustmentError::BadCount(t.to_string())),
    }
}

/// One of a unit's recorded adjustments, with its item resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedAdjustment {
    pub id: Id,
    pub kind: AdjustmentKind,
    /// The item's name (its id when the scheme no longer has it).
    pub name: String,
    pub points_each: Option<Points>,
    pub count: u32,
    pub note: String,
}

impl RecordedAdjustment {
    /// One line of the list: `加分：名称 2分 × 3次（说明）`.
    pub fn describe(&self) -> String {
        let note = if self.note.is_empty() {
            String::new()
        } else {
            format!("（{}）", self.note)
        };
        match self.points_each {
            Some(p) if self.kind != AdjustmentKind::Veto => format!(
                "{}：{} {p}分 × {}次{note}",
                kind_label(self.kind),
                self.name,
                self.count
            ),
            _ => format!("{}：{}{note}", kind_label(self.kind), self.name),
        }
    }
}

/// The adjustments recorded for a unit in a round, in the order entered.
pub fn unit_adjustments(
    state: &AppState,
    round_id: &str,
    unit_id: &str,
) -> Vec<RecordedAdjustment> {
    let Some(round) = state.round(round_id) else {
        return Vec::new();
    };
    let choices = state
        .scheme(&round.scheme_id)
        .map(item_choices)
        .unwrap_or_default();
    round
        .adjustments
        .iter()
        .filter(|a| a.unit_id == unit_id)
        .map(|a| {
            let c = choices
                .iter()
                .find(|c| c.kind == a.kind && c.item_id == a.item_id);
            RecordedAdjustment {
                id: a.id.clone(),
                kind: a.kind,
                name: c
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| a.item_id.clone()),
                points_each: c.and_then(|c| c.points),
                count: a.count,
                note: a.note.clone(),
            }
        })
        .collect()
}

/// Records an item against a unit. A veto always counts once. Returns the new record's id.
pub fn add_adjustment(
    state: &mut AppState,
    round_id: &str,
    unit_id: &str,
    kind: AdjustmentKind,
    item_id: &str,
    count: u32,
    note: &str,
) -> Result<Id, AdjustmentError> {
    let round = state
        .round(round_id)
        .ok_or_else(|| AdjustmentError::RoundNotFound(round_id.to_string()))?;
    if !round.unit_ids.iter().any(|u| u == unit_id) {
        let unit = state
            .unit(unit_id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| unit_id.to_string());
        return Err(AdjustmentError::UnitNotInRound {
            round: round.name.clone(),
            unit,
        });
    }
    let scheme = state
        .scheme(&round.scheme_id)
        .ok_or_else(|| AdjustmentError::SchemeNotFound {
            round: round.name.clone(),
        })?;
    if !item_choices(scheme)
        .iter()
        .any(|c| c.kind == kind && c.item_id == item_id)
    {
        return Err(AdjustmentError::ItemNotFound {
            scheme: scheme.name.clone(),
            kind: kind_label(kind),
            item: item_id.to_string(),
        });
    }
    let count = if kind == AdjustmentKind::Veto {
        1
    } else {
        count
    };
    if !(1..=MAX_COUNT).contains(&count) {
        return Err(AdjustmentError::BadCount(count.to_string()));
    }
    let id = state.new_id("j");
    let round = state
        .rounds
        .iter_mut()
        .find(|r| r.id == round_id)
        .ok_or_else(|| AdjustmentError::RoundNotFound(round_id.to_string()))?;
    round.adjustments.push(Adjustment {
        id: id.clone(),
        unit_id: unit_id.to_string(),
        kind,
        item_id: item_id.to_string(),
        count,
        note: note.trim().to_string(),
    });
    Ok(id)
}

/// Removes a recorded adjustment; returns it.
pub fn remove_adjustment(
    state: &mut AppState,
    round_id: &str,
    adjustment_id: &str,
) -> Result<Adjustment, AdjustmentError> {
    let round = state
        .rounds
        .iter_mut()
        .find(|r| r.id == round_id)
        .ok_or_else(|| AdjustmentError::RoundNotFound(round_id.to_string()))?;
    let pos = round
        .adjustments
        .iter()
        .position(|a| a.id == adjustment_id)
        .ok_or(AdjustmentError::RecordNotFound)?;
    Ok(round.adjustments.remove(pos))
}

/// What removing adjustment `adjustment_id` of round `round_id` does to its unit, in
/// words for the confirmation: the total, the grade and the rank before and after
/// (`总分由 83 变为 80，等次仍为“良好”，名次由第14名变为第21名`). A clerk's review: the
/// question said only that the total would be recomputed, at the 良好 line. `None` when
/// the round does not compute or the adjustment is not there.
pub fn removal_effect(state: &AppState, round_id: &str, adjustment_id: &str) -> Option<String> {
    let unit = state
        .round(round_id)?
        .adjustments
        .iter()
        .find(|a| a.id == adjustment_id)?
        .unit_id
        .clone();
    let mut after = state.clone();
    remove_adjustment(&mut after, round_id, adjustment_id).ok()?;
    let was = crate::domain::scoring::compute_round(state, round_id).ok()?;
    let now = crate::domain::scoring::compute_round(&after, round_id).ok()?;
    let (a, b) = (was.unit(&unit)?, now.unit(&unit)?);
    let grade = |g: Option<Grade>| g.map_or("未评定", Grade::label);
    let rank = |r: Option<u32>| r.map_or("无名次".to_string(), |n| format!("第{n}名"));
    let mut said = if a.total == b.total {
        format!("总分仍为 {}", b.total)
    } else {
        format!("总分由 {} 变为 {}", a.total, b.total)
    };
    said.push_str(&if a.grade == b.grade {
        format!("，等次仍为“{}”", grade(b.grade))
    } else {
        format!("，等次由“{}”变为“{}”", grade(a.grade), grade(b.grade))
    });
    if a.rank != b.rank {
        said.push_str(&format!("，名次由{}变为{}", rank(a.rank), rank(b.rank)));
    }
    Some(said)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::sample_city;
    use crate::domain::scoring::compute_round;

    /// A round, a graded unit of it without any adjustment, and the round's scheme.
    fn setup() -> (AppState, Id, Id, Scheme) {
        let mut s = sample_city(7);
        let round = s.rounds.last().cloned().expect("a round");
        let res = compute_round(&s, &round.id).expect("scores");
        let unit = round
            .unit_ids
            .iter()
            .find(|u| {
                !round.adjustments.iter().any(|a| &a.unit_id == *u)
                    && res.unit(u).is_some_and(|r| r.graded)
            })
            .cloned()
            .expect("a unit without adjustments");
        let scheme = s.scheme(&round.scheme_id).cloned().expect("scheme");
        s.settings.origin = "committee".into();
        (s, round.id.clone(), unit, scheme)
    }

    #[test]
    fn choices_are_grouped_and_keys_round_trip() {
        let (_, _, _, scheme) = setup();
        let c = item_choices(&scheme);
        assert_eq!(
            c.len(),
            scheme.bonus_items.len() + scheme.deduction_items.len() + scheme.veto_items.len()
        );
        assert_eq!(c[0].kind, AdjustmentKind::Bonus);
        assert_eq!(c.last().map(|x| x.kind), Some(AdjustmentKind::Veto));
        for x in &c {
            assert_eq!(parse_key(&x.key()), Some((x.kind, x.item_id.as_str())));
        }
        assert_eq!(parse_key("x:1"), None);
        assert_eq!(parse_key("b:"), None);
        assert_eq!(parse_key("nothing"), None);
        assert!(c[0].label().contains("（+"));
        // The default scheme's 材料弄虚作假 takes nothing off the total itself (the
        // indicator is scored 0 in the sheets): not offered as 「−0分」.
        let fake = c
            .iter()
            .find(|x| x.name.starts_with("材料弄虚作假"))
            .expect("the default scheme's item");
        assert_eq!(fake.label(), format!("{}（不另扣分）", fake.name));
        assert!(c.iter().all(|x| !x.label().contains("−0分")));
    }

    #[test]
    fn count_must_be_one_to_ninety_nine() {
        assert_eq!(parse_count(" 3 "), Ok(3));
        assert_eq!(parse_count("99"), Ok(99));
        for bad in ["0", "100", "-1", "1.5", "", "两"] {
            assert!(
                matches!(parse_count(bad), Err(AdjustmentError::BadCount(_))),
                "{bad}"
            );
        }
        assert!(AdjustmentError::BadCount("0".into())
            .to_string()
            .contains("1到99"));
    }

    #[test]
    fn bonus_raises_the_total_and_removing_restores_it() {
        let (mut s, rid, uid, scheme) = setup();
        let before = compute_round(&s, &rid).unwrap().unit(&uid).unwrap().total;
        let item = &scheme.bonus_items[0];
        let id = add_adjustment(
            &mut s,
            &rid,
            &uid,
            AdjustmentKind::Bonus,
            &item.id,
            1,
            " 表彰 ",
        )
        .unwrap();
        let after = compute_round(&s, &rid).unwrap().unit(&uid).unwrap().total;
        assert_eq!(after, before + item.points.min(scheme.bonus_cap));
        let list = unit_adjustments(&s, &rid, &uid);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, item.name);
        assert_eq!(list[0].note, "表彰");
        assert!(list[0].describe().starts_with("加分："));
        // Asked before removing it: the total named before and after (a clerk's review).
        let said = removal_effect(&s, &rid, &id).expect("said");
        assert!(
            said.starts_with(&format!("总分由 {after} 变为 {before}")),
            "{said}"
        );
        assert!(said.contains("等次"), "{said}");
        assert_eq!(removal_effect(&s, &rid, "no-such"), None);
        let removed = remove_adjustment(&mut s, &rid, &id).unwrap();
        assert_eq!(removed.item_id, item.id);
        assert_eq!(
            compute_round(&s, &rid).unwrap().unit(&uid).unwrap().total,
            before
        );
        assert_eq!(
            remove_adjustment(&mut s, &rid, &id),
            Err(AdjustmentError::RecordNotFound)
        );
    }

    #[test]
    fn deduction_multiplies_by_count_and_veto_fails_the_unit() {
        let (mut s, rid, uid, scheme) = setup();
        let before = compute_round(&s, &rid).unwrap().unit(&uid).unwrap().total;
        let d = &scheme.deduction_items[0];
        add_adjustment(&mut s, &rid, &uid, AdjustmentKind::Deduction, &d.id, 2, "").unwrap();
        let r = compute_round(&s, &rid).unwrap();
        assert_eq!(r.unit(&uid).unwrap().total, before - d.points * 2);
        let v = &scheme.veto_items[0];
        add_adjustment(&mut s, &rid, &uid, AdjustmentKind::Veto, &v.id, 5, "").unwrap();
        let r = compute_round(&s, &rid).unwrap();
        assert_eq!(r.unit(&uid).unwrap().grade, Some(Grade::Fail));
        let list = unit_adjustments(&s, &rid, &uid);
        assert_eq!(list[1].count, 1, "a veto counts once");
    }

    #[test]
    fn refuses_wrong_unit_item_round_and_count() {
        let (mut s, rid, uid, scheme) = setup();
        let b = scheme.bonus_items[0].id.clone();
        let n = s
            .rounds
            .iter()
            .find(|r| r.id == rid)
            .unwrap()
            .adjustments
            .len();
        assert!(matches!(
            add_adjustment(&mut s, "nope", &uid, AdjustmentKind::Bonus, &b, 1, ""),
            Err(AdjustmentError::RoundNotFound(_))
        ));
        assert!(matches!(
            add_adjustment(&mut s, &rid, "nobody", AdjustmentKind::Bonus, &b, 1, ""),
            Err(AdjustmentError::UnitNotInRound { .. })
        ));
        // A bonus item's id under the deduction kind is not a deduction item.
        let e =
            add_adjustment(&mut s, &rid, &uid, AdjustmentKind::Deduction, &b, 1, "").unwrap_err();
        assert!(matches!(e, AdjustmentError::ItemNotFound { .. }));
        assert!(e.to_string().contains("扣分"));
        for c in [0, 100] {
            assert!(matches!(
                add_adjustment(&mut s, &rid, &uid, AdjustmentKind::Bonus, &b, c, ""),
                Err(AdjustmentError::BadCount(_))
            ));
        }
        let after = s
            .rounds
            .iter()
            .find(|r| r.id == rid)
            .unwrap()
            .adjustments
            .len();
        assert_eq!(after, n, "nothing was added");
    }
}
