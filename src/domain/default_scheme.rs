//! The built-in default scheme (see `shared/product/default-scheme.md`), copying a
//! scheme for a new year, and saving edits: a scheme with scores against it is never
//! changed in place, editing it makes a new version.

use super::model::*;
use super::points::Points;

fn ind(id: &str, name: &str, max: i64, guidance: &str) -> Indicator {
    Indicator {
        id: id.to_string(),
        name: name.to_string(),
        max: Points::whole(max),
        step: Points(50),
        guidance: guidance.to_string(),
    }
}

fn dim(id: &str, name: &str, role: DimensionRole, indicators: Vec<Indicator>) -> Dimension {
    Dimension {
        id: id.to_string(),
        name: name.to_string(),
        role,
        indicators,
    }
}

fn item(id: &str, name: &str, points: i64) -> AdjustmentItem {
    AdjustmentItem {
        id: id.to_string(),
        name: name.to_string(),
        points: Points::whole(points),
    }
}

fn veto(id: &str, name: &str) -> VetoItem {
    VetoItem {
        id: id.to_string(),
        name: name.to_string(),
    }
}

/// The default 100-point scheme: 7 dimensions, 22 indicators, every indicator scored
/// in steps of 0.5; bonus capped at 10; deductions; three veto items; bands 90/80/70;
/// 优秀 needs a recognised innovation outcome; no 优秀 cap; trimmed mean from 5
/// assessors; self-assessment weight 0.
///
/// Dimension, indicator and item ids are fixed (`d1`, `d1-1`, `b1`, `k1`, `v1`, …) so
/// that copies and versions keep them and evidence notes stay attached.
// size: a data table (the published default scheme); splitting it would scatter its wording.
pub fn default_scheme(id: &str, family: &str, year: u16) -> Scheme {
    use DimensionRole::*;
    let dimensions = vec![
        dim(
            "d1",
            "领导重视",
            OwnConstruction,
            vec![
                ind(
                    "d1-1",
                    "党组（党委）专题研究示范点建设每年不少于2次，书记履行第一责任人职责",
                    4,
                    "查阅会议记录：专题研究2次及以上得2分，1次得1分；书记亲自部署、带头落实得2分，履职不到位酌情扣分。",
                ),
                ind(
                    "d1-2",
                    "有创建方案、年度计划和总结",
                    4,
                    "创建方案、年度计划、年度总结齐全且质量较高得满分；每缺一项扣1.5分；内容空泛酌情扣分。",
                ),
                ind(
                    "d1-3",
                    "齐抓共管：一岗双责，党建与业务同谋划同部署，群团参与",
                    4,
                    "一岗双责落实有记录得1.5分；党建与业务同谋划同部署得1.5分；工会、共青团、妇委会等参与得1分。",
                ),
                ind(
                    "d1-4",
                    "领导联系点与督导",
                    3,
                    "班子成员建立联系点并定期督导得满分；有联系点无督导记录得1.5分；未建立不得分。",
                ),
            ],
        ),
        dim(
            "d2",
            "务实创新",
            OwnConstruction,
            vec![
                ind(
                    "d2-1",
                    "党建品牌或工作理念",
                    5,
                    "有特色鲜明、内涵清晰、干部群众认可的党建品牌或工作理念得满分；有品牌但特色不明显得2.5分。",
                ),
                ind(
                    "d2-2",
                    "方法创新",
                    3,
                    "工作方法有创新、可复制得满分；有改进但创新性一般得1.5分。",
                ),
                ind(
                    "d2-3",
                    "载体创新",
                    3,
                    "活动载体新颖、党员参与度高得满分；载体常规得1.5分。",
                ),
                ind(
                    "d2-4",
                    "制度创新",
                    4,
                    "形成新的制度机制并有效运行得满分；制度已出台但执行一般得2分。",
                ),
            ],
        ),
        dim(
            "d3",
            "服务中心",
            OwnConstruction,
            vec![
                ind(
                    "d3-1",
                    "党建与中心工作融合，成效可衡量",
                    8,
                    "党建促进业务工作有具体、可量化的成效得满分；有融合举措但成效不明显得4分；两张皮不得分。",
                ),
                ind(
                    "d3-2",
                    "党员先锋作用：先锋岗、志愿服务队",
                    6,
                    "设立党员先锋岗、组建志愿服务队并常态化开展活动得满分；有设岗无活动得3分。",
                ),
                ind(
                    "d3-3",
                    "服务对象和党员群众满意度",
                    6,
                    "满意度测评≥80%得满分，每低5个百分点扣1分。",
                ),
            ],
        ),
        dim(
            "d4",
            "创建成果",
            Both,
            vec![
                ind(
                    "d4-1",
                    "实践成果",
                    8,
                    "本年度形成可推广的实践成果，按数量和质量评分；无新成果不得分。",
                ),
                ind(
                    "d4-2",
                    "制度成果",
                    6,
                    "本年度形成并备案的制度成果，按数量和质量评分。",
                ),
                ind(
                    "d4-3",
                    "理论成果",
                    6,
                    "本年度形成的调研报告、理论文章等理论（思维）成果，按数量、层次和质量评分。",
                ),
            ],
        ),
        dim(
            "d5",
            "示范带动",
            Demonstration,
            vec![
                ind(
                    "d5-1",
                    "结对结亲：协议、活动、成效",
                    6,
                    "签订结对协议得1分；年度联合活动4次及以上得3分；结对单位创建成效明显得2分。",
                ),
                ind(
                    "d5-2",
                    "观摩交流与本系统推广",
                    5,
                    "承办观摩交流活动、经验在本系统推广，按次数和范围评分。",
                ),
                ind(
                    "d5-3",
                    "宣传展示：手册、展板、经验材料",
                    4,
                    "有工作手册、展板、经验材料等宣传展示载体，按完备程度评分。",
                ),
            ],
        ),
        dim(
            "d6",
            "经验总结报送",
            Demonstration,
            vec![
                ind(
                    "d6-1",
                    "按时报送，方案制度及时备案",
                    4,
                    "材料按时报送、方案制度及时向工委备案得满分；每逾期一次扣1分。",
                ),
                ind(
                    "d6-2",
                    "反馈意见与整改落实",
                    3,
                    "对工委反馈意见及时整改并报告得满分；整改不到位酌情扣分。",
                ),
            ],
        ),
        dim(
            "d7",
            "保障投入",
            OwnConstruction,
            vec![
                ind(
                    "d7-1",
                    "专项经费并规范使用",
                    3,
                    "安排示范点创建专项经费且使用规范得满分；有经费但使用不规范得1.5分。",
                ),
                ind(
                    "d7-2",
                    "专兼职党务干部配备",
                    3,
                    "按规定配备专兼职党务干部得满分；配备不足得1.5分。",
                ),
                ind(
                    "d7-3",
                    "活动阵地",
                    2,
                    "有固定、规范的党员活动阵地得满分；阵地不规范得1分。",
                ),
            ],
        ),
    ];
    Scheme {
        id: id.to_string(),
        family: family.to_string(),
        version: 1,
        name: format!("{year}年度基层党建示范点考评方案"),
        year,
        dimensions,
        bonus_items: vec![
            item("b1", "经验在市直机关推介", 3),
            item("b2", "经验在省级及以上推介", 5),
            item("b3", "获市级表彰", 2),
            item("b4", "获省级表彰", 3),
            item("b5", "获国家级表彰", 5),
            item("b6", "创新做法被上级采纳或推广（每项）", 2),
        ],
        bonus_cap: Points::whole(10),
        deduction_items: vec![
            item("k1", "材料逾期报送（每次）", 1),
            item("k2", "整改逾期（每项）", 2),
            item("k3", "被通报批评", 3),
            item("k4", "结对流于形式", 2),
            item("k5", "材料弄虚作假（相应指标在评分表中记0分）", 0),
        ],
        veto_items: vec![
            veto("v1", "班子成员因严重违纪违法被立案或处分"),
            veto("v2", "发生重大安全责任事故或意识形态问题"),
            veto("v3", "弄虚作假骗取荣誉"),
        ],
        grade_bands: GradeBands {
            excellent: Points::whole(90),
            good: Points::whole(80),
            pass: Points::whole(70),
        },
        excellent_cap_pct: None,
        excellent_needs_innovation: true,
        aggregation: Aggregation::default(),
        meta: RecordMeta::default(),
    }
}

/// A copy of `scheme` for a new year, as version 1 of a new family (`new_id` is both
/// its id and its family). Dimension, indicator and item ids are kept; a `YYYY年`
/// in the name is replaced by the new year.
pub fn copy_scheme(scheme: &Scheme, new_id: &str, year: u16) -> Scheme {
    let mut s = scheme.clone();
    s.id = new_id.to_string();
    s.family = new_id.to_string();
    s.version = 1;
    s.year = year;
    let old = format!("{}年", scheme.year);
    s.name = if s.name.contains(&old) {
        s.name.replace(&old, &format!("{year}年"))
    } else {
        format!("{year}年 {}", s.name)
    };
    s.meta = RecordMeta::default();
    s
}

/// A new scheme id not used by any scheme in the state.
fn fresh_scheme_id(state: &mut AppState) -> Id {
    loop {
        let id = state.new_id("s");
        if state.scheme(&id).is_none() {
            return id;
        }
    }
}

/// `name`, or `name（2）`, `name（3）`… when a scheme in the state already bears it:
/// two schemes of one name could not be told apart in the lists and the round form.
pub fn unique_scheme_name(state: &AppState, name: &str) -> String {
    let taken = |n: &str| state.schemes.iter().any(|s| s.name == n);
    if !taken(name) {
        return name.to_string();
    }
    (2..)
        .map(|i| format!("{name}（{i}）"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| name.to_string())
}

/// Copies the scheme `source_id` into the state for `year` and returns the new id;
/// `None` if there is no such scheme. The copy's name is made unique.
pub fn copy_scheme_for_year(state: &mut AppState, source_id: &str, year: u16) -> Option<Id> {
    let source = state.scheme(source_id)?.clone();
    let id = fresh_scheme_id(state);
    let mut copy = copy_scheme(&source, &id, year);
    copy.name = unique_scheme_name(state, &copy.name);
    state.schemes.push(copy);
    Some(id)
}

/// Why a scheme version cannot be deleted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemeDeleteError {
    #[error("找不到考评方案（可能已被删除）")]
    NotFound,
    #[error("考评方案「{name}」已用于{rounds}，不能删除；考评轮次按它评分和导出任务文件")]
    InUse { name: String, rounds: String },
}

/// Deletes a scheme version no round uses (a stray copy or version, a year typed wrong):
/// one a round uses stays, with the round named.
pub fn delete_scheme(state: &mut AppState, id: &str) -> Result<(), SchemeDeleteError> {
    let name = state
        .scheme(id)
        .map(|s| s.name.clone())
        .ok_or(SchemeDeleteError::NotFound)?;
    let rounds: Vec<String> = state
        .rounds
        .iter()
        .filter(|r| r.scheme_id == id)
        .map(|r| r.name.clone())
        .collect();
    if !rounds.is_empty() {
        return Err(SchemeDeleteError::InUse {
            name,
            rounds: rounds.join("、"),
        });
    }
    state.schemes.retain(|s| s.id != id);
    Ok(())
}

/// Whether any round scored against this scheme version has a score, a bonus,
/// deduction or veto recorded (then it must not change in place).
pub fn scheme_has_scores(state: &AppState, scheme_id: &str) -> bool {
    state
        .rounds
        .iter()
        .filter(|r| r.scheme_id == scheme_id)
        .any(|r| r.has_scores())
}

/// How many task files have gone out for rounds using scheme version `scheme_id`: each
/// was made against its indicators, and the returns they bring are read against them.
pub fn scheme_sent_out(state: &AppState, scheme_id: &str) -> usize {
    state
        .exchange
        .sent
        .iter()
        .filter(|t| {
            state
                .round(&t.round_id)
                .is_some_and(|r| r.scheme_id == scheme_id)
        })
        .count()
}

/// Saves an edited scheme. If the version it edits (same id) has no scores and no task
/// file has gone out for a round using it, it is replaced in place and its id returned.
/// Otherwise the edit is added as a new version of the same family (version = highest
/// of the family + 1, a new id) and the new id returned; rounds keep pointing at the
/// version they were scored against or sent out with (a round with no score may then
/// be moved to the new version, which says what becomes of the files sent).
/// A scheme with an id not in the state is added as it is.
pub fn save_scheme_edit(state: &mut AppState, mut edited: Scheme, now: &str) -> Id {
    let by = state.settings.origin.clone();
    let Some(pos) = state.schemes.iter().position(|s| s.id == edited.id) else {
        edited.meta.touch(now, &by);
        let id = edited.id.clone();
        state.schemes.push(edited);
        return id;
    };
    if !scheme_has_scores(state, &edited.id) && scheme_sent_out(state, &edited.id) == 0 {
        edited.meta = state.schemes[pos].meta.clone();
        edited.meta.touch(now, &by);
        let id = edited.id.clone();
        state.schemes[pos] = edited;
        return id;
    }
    let family = state.schemes[pos].family.clone();
    let version = next_version(state, &family);
    let id = fresh_scheme_id(state);
    edited.id = id.clone();
    edited.family = family;
    edited.version = version;
    edited.meta = RecordMeta::default();
    edited.meta.touch(now, &by);
    state.schemes.push(edited);
    id
}

/// The version number a new version of the scheme family `family` gets.
pub fn next_version(state: &AppState, family: &str) -> u32 {
    state
        .schemes
        .iter()
        .filter(|s| s.family == family)
        .map(|s| s.version)
        .max()
        .unwrap_or(0)
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scheme_adds_up() {
        let s = default_scheme("s1", "s1", 2026);
        assert_eq!(s.dimensions.len(), 7);
        assert_eq!(s.indicator_count(), 22);
        assert_eq!(s.full_points(), Points::whole(100));
        let dims: Vec<i64> = s
            .dimensions
            .iter()
            .map(|d| d.full_points().0 / 100)
            .collect();
        assert_eq!(dims, vec![15, 15, 20, 20, 15, 7, 8]);
        assert!(s.indicators().all(|i| i.step == Points(50)));
        assert!(crate::domain::validation::validate_scheme(&s).is_empty());
    }
}
