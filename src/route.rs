//! Routes in the URL's hash (`#/units`, `#/rounds/r3`), so that back, reload and a
//! bookmark keep the page on any static server and from a file opened from disk.
//! Pure parsing and formatting; the UI listens to `hashchange`.

/// A screen of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// 概览.
    Dashboard,
    /// 单位: the roster.
    Units,
    /// One unit's page with its lifecycle history.
    Unit(String),
    /// 申报遴选: applications and the committee's selection.
    Applications,
    /// 动态管理: the lifecycle rules, the 复查 list and the commendation proposals.
    Lifecycle,
    /// 考评方案: the list of schemes.
    Schemes,
    /// One scheme version, for viewing and editing.
    Scheme(String),
    /// 考评: the list of rounds.
    Rounds,
    /// One round: its units, assessors and completeness.
    Round(String),
    /// 加减分批量登记: bonus, deduction and veto entries of all units of a round.
    RoundAdjustments(String),
    /// The score grid of one source in a round (`self` for self-assessment).
    ScoreGrid { round: String, source: String },
    /// 结果: a round's ranking (the latest round when none is named).
    Results(Option<String>),
    /// How one unit's total was made.
    ResultDetail { round: String, unit: String },
    /// A one-page report card of one unit in one round.
    ReportCard { round: String, unit: String },
    /// 成果: the outcome library.
    Outcomes,
    /// One outcome: its record, its path and history, and the forms to take a step.
    Outcome(String),
    /// 结对: the pairings.
    Pairings,
    /// One pairing with its activity log.
    Pairing(String),
    /// 整改: the rectification items.
    Rectification,
    /// One rectification item with its progress notes and 销号.
    RectificationItem(String),
    /// The 整改通知 to one unit (its id): its open items as an official document.
    RectificationNotice(String),
    /// 保障投入: resources per unit and year.
    Resources,
    /// 督导: the committee's guidance visits.
    Guidance,
    /// 报表: the figures of a year (the latest round's year when none is named).
    Reports(Option<u16>),
    /// The 通报 of a year, to edit, print and download.
    Notice(u16),
    /// A print view of 报表 for a year (A4, no navigation).
    Print(u16, PrintView),
    /// 数据交换.
    Exchange,
    /// 数据交换 with round `id` chosen for export (from 结果, after publishing).
    ExchangeRound(String),
    /// 数据管理.
    Data,
    /// Anything else.
    NotFound(String),
}

/// The print views of 报表.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintView {
    /// 名册: every unit with its recent grades (A4 landscape).
    Roster,
    /// 未报送名单: who has not returned their files in the year's round (A4 landscape).
    NotReturned,
    /// Every report card of the year's round, a page each.
    Cards,
}

impl PrintView {
    pub const ALL: [PrintView; 3] = [PrintView::Roster, PrintView::NotReturned, PrintView::Cards];

    /// The path segment.
    pub fn code(self) -> &'static str {
        match self {
            PrintView::Roster => "roster",
            PrintView::NotReturned => "not-returned",
            PrintView::Cards => "cards",
        }
    }

    /// The view of a path segment.
    pub fn from_code(code: &str) -> Option<PrintView> {
        PrintView::ALL.into_iter().find(|v| v.code() == code)
    }
}

impl Route {
    /// Parses a location hash such as `#/rounds/r3` (the `#` is optional).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split('?').next().unwrap_or("");
        let parts: Vec<String> = path
            .split('/')
            .filter(|p| !p.is_empty())
            .map(percent_decode)
            .collect();
        let p: Vec<&str> = parts.iter().map(String::as_str).collect();
        match p.as_slice() {
            [] | ["dashboard"] => Route::Dashboard,
            ["units"] => Route::Units,
            ["units", id] => Route::Unit(id.to_string()),
            ["applications"] => Route::Applications,
            ["lifecycle"] => Route::Lifecycle,
            ["schemes"] => Route::Schemes,
            ["schemes", id] => Route::Scheme(id.to_string()),
            ["rounds"] => Route::Rounds,
            ["rounds", id] => Route::Round(id.to_string()),
            ["rounds", id, "adjustments"] => Route::RoundAdjustments(id.to_string()),
            ["rounds", id, "scores", source] => Route::ScoreGrid {
                round: id.to_string(),
                source: source.to_string(),
            },
            ["results"] => Route::Results(None),
            ["results", id] => Route::Results(Some(id.to_string())),
            ["results", id, unit] => Route::ResultDetail {
                round: id.to_string(),
                unit: unit.to_string(),
            },
            ["results", id, unit, "card"] => Route::ReportCard {
                round: id.to_string(),
                unit: unit.to_string(),
            },
            ["outcomes"] => Route::Outcomes,
            ["outcomes", id] => Route::Outcome(id.to_string()),
            ["pairings"] => Route::Pairings,
            ["pairings", id] => Route::Pairing(id.to_string()),
            ["rectification"] => Route::Rectification,
            ["rectification", id] => Route::RectificationItem(id.to_string()),
            ["rectification-notice", unit] => Route::RectificationNotice(unit.to_string()),
            ["resources"] => Route::Resources,
            ["guidance"] => Route::Guidance,
            ["reports"] => Route::Reports(None),
            ["reports", year] => match year.parse() {
                Ok(y) => Route::Reports(Some(y)),
                Err(_) => Route::NotFound(path.to_string()),
            },
            ["reports", year, "notice"] => match year.parse() {
                Ok(y) => Route::Notice(y),
                Err(_) => Route::NotFound(path.to_string()),
            },
            ["reports", year, "print", what] => match (year.parse(), PrintView::from_code(what)) {
                (Ok(y), Some(v)) => Route::Print(y, v),
                _ => Route::NotFound(path.to_string()),
            },
            ["exchange"] => Route::Exchange,
            ["exchange", id] => Route::ExchangeRound(id.to_string()),
            ["data"] => Route::Data,
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The hash for this route, e.g. `#/rounds/r3`.
    pub fn href(&self) -> String {
        let e = percent_encode;
        match self {
            Route::Dashboard => "#/".into(),
            Route::Units => "#/units".into(),
            Route::Unit(id) => format!("#/units/{}", e(id)),
            Route::Applications => "#/applications".into(),
            Route::Lifecycle => "#/lifecycle".into(),
            Route::Schemes => "#/schemes".into(),
            Route::Scheme(id) => format!("#/schemes/{}", e(id)),
            Route::Rounds => "#/rounds".into(),
            Route::Round(id) => format!("#/rounds/{}", e(id)),
            Route::RoundAdjustments(id) => format!("#/rounds/{}/adjustments", e(id)),
            Route::ScoreGrid { round, source } => {
                format!("#/rounds/{}/scores/{}", e(round), e(source))
            }
            Route::Results(None) => "#/results".into(),
            Route::Results(Some(id)) => format!("#/results/{}", e(id)),
            Route::ResultDetail { round, unit } => format!("#/results/{}/{}", e(round), e(unit)),
            Route::ReportCard { round, unit } => format!("#/results/{}/{}/card", e(round), e(unit)),
            Route::Outcomes => "#/outcomes".into(),
            Route::Outcome(id) => format!("#/outcomes/{}", e(id)),
            Route::Pairings => "#/pairings".into(),
            Route::Pairing(id) => format!("#/pairings/{}", e(id)),
            Route::Rectification => "#/rectification".into(),
            Route::RectificationItem(id) => format!("#/rectification/{}", e(id)),
            Route::RectificationNotice(unit) => format!("#/rectification-notice/{}", e(unit)),
            Route::Resources => "#/resources".into(),
            Route::Guidance => "#/guidance".into(),
            Route::Reports(None) => "#/reports".into(),
            Route::Reports(Some(y)) => format!("#/reports/{y}"),
            Route::Notice(y) => format!("#/reports/{y}/notice"),
            Route::Print(y, v) => format!("#/reports/{y}/print/{}", v.code()),
            Route::Exchange => "#/exchange".into(),
            Route::ExchangeRound(id) => format!("#/exchange/{}", e(id)),
            Route::Data => "#/data".into(),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }

    /// Whether going from `self` to `to` is going back from one record to the long list
    /// it is a row of (a unit to the roster, an outcome, a pairing or a 整改 item to its
    /// list, a unit's detail or report card to the ranking): the list then opens at that
    /// record's row, not at its top.
    pub fn back_to_its_list(&self, to: &Route) -> bool {
        matches!(
            (self, to),
            (Route::Unit(_), Route::Units)
                | (Route::Outcome(_), Route::Outcomes)
                | (Route::Pairing(_), Route::Pairings)
                | (Route::RectificationItem(_), Route::Rectification)
                | (
                    Route::ResultDetail { .. } | Route::ReportCard { .. },
                    Route::Results(_)
                )
        )
    }

    /// The navigation section this route belongs to (index into [`NAV`]).
    pub fn section(&self) -> Option<usize> {
        let s = match self {
            Route::Dashboard => 0,
            Route::Units | Route::Unit(_) => 1,
            Route::Applications => 2,
            Route::Schemes | Route::Scheme(_) => 3,
            Route::Rounds
            | Route::Round(_)
            | Route::RoundAdjustments(_)
            | Route::ScoreGrid { .. } => 4,
            Route::Results(_) | Route::ResultDetail { .. } | Route::ReportCard { .. } => 5,
            Route::Lifecycle => 6,
            Route::Outcomes | Route::Outcome(_) => 7,
            Route::Pairings | Route::Pairing(_) => 8,
            Route::Rectification | Route::RectificationItem(_) | Route::RectificationNotice(_) => 9,
            Route::Resources => 10,
            Route::Guidance => 11,
            Route::Reports(_) | Route::Notice(_) | Route::Print(..) => 12,
            Route::Exchange | Route::ExchangeRound(_) => 13,
            Route::Data => 14,
            Route::NotFound(_) => return None,
        };
        Some(s)
    }
}

/// The navigation entries: label and route, in order.
pub const NAV: [(&str, &str); 15] = [
    ("概览", "#/"),
    ("单位", "#/units"),
    ("申报遴选", "#/applications"),
    ("考评方案", "#/schemes"),
    ("考评", "#/rounds"),
    ("结果", "#/results"),
    ("动态管理", "#/lifecycle"),
    ("成果", "#/outcomes"),
    ("结对", "#/pairings"),
    ("整改", "#/rectification"),
    ("保障投入", "#/resources"),
    ("督导", "#/guidance"),
    ("报表", "#/reports"),
    ("数据交换", "#/exchange"),
    ("数据管理", "#/data"),
];

/// The hash of `route` with a list's filters set by a link (`#/rectification?status=Done`):
/// each `(field, value)`, encoded.
pub fn href_with(route: &Route, filters: &[(&str, &str)]) -> String {
    let query: Vec<String> = filters
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect();
    if query.is_empty() {
        route.href()
    } else {
        format!("{}?{}", route.href(), query.join("&"))
    }
}

/// The filters a link set on a list: the `?field=value&…` of a hash, decoded (empty
/// when there is none).
pub fn link_filters(hash: &str) -> Vec<(String, String)> {
    let Some((_, query)) = hash.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Encodes the characters that would break a hash path segment.
fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes; invalid escapes are kept as they are.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_round_trips_through_its_href() {
        let routes = vec![
            Route::Dashboard,
            Route::Units,
            Route::Unit("u1".into()),
            Route::Applications,
            Route::Lifecycle,
            Route::Schemes,
            Route::Scheme("s2".into()),
            Route::Rounds,
            Route::Round("r3".into()),
            Route::RoundAdjustments("r3".into()),
            Route::ScoreGrid {
                round: "r3".into(),
                source: "a1".into(),
            },
            Route::Results(None),
            Route::Results(Some("r3".into())),
            Route::ResultDetail {
                round: "r3".into(),
                unit: "u1.o5".into(),
            },
            Route::ReportCard {
                round: "r3".into(),
                unit: "u 1/x".into(),
            },
            Route::Outcomes,
            Route::Outcome("u3.o12".into()),
            Route::Pairings,
            Route::Pairing("p4".into()),
            Route::Rectification,
            Route::RectificationItem("u2.x9".into()),
            Route::RectificationNotice("u 2/x".into()),
            Route::Resources,
            Route::Guidance,
            Route::Reports(None),
            Route::Reports(Some(2026)),
            Route::Notice(2025),
            Route::Print(2026, PrintView::Roster),
            Route::Print(2026, PrintView::NotReturned),
            Route::Print(2025, PrintView::Cards),
            Route::Exchange,
            Route::ExchangeRound("r 1".into()),
            Route::Data,
        ];
        for r in routes {
            assert_eq!(Route::parse(&r.href()), r, "{}", r.href());
        }
    }

    #[test]
    fn a_link_carries_a_lists_filters_and_keeps_its_route() {
        let href = href_with(
            &Route::Rectification,
            &[("status", "Done"), ("unit", "u 1")],
        );
        assert_eq!(href, "#/rectification?status=Done&unit=u%201");
        assert_eq!(Route::parse(&href), Route::Rectification);
        assert_eq!(
            link_filters(&href),
            vec![
                ("status".to_string(), "Done".to_string()),
                ("unit".to_string(), "u 1".to_string())
            ]
        );
        assert_eq!(href_with(&Route::Rectification, &[]), "#/rectification");
        assert!(link_filters("#/rectification").is_empty());
        assert_eq!(
            link_filters("#/rectification?late&x=%E6%95%B4"),
            vec![
                ("late".to_string(), String::new()),
                ("x".to_string(), "整".to_string())
            ]
        );
    }

    #[test]
    fn nav_entries_parse_to_their_sections() {
        for (i, (_, href)) in NAV.iter().enumerate() {
            assert_eq!(Route::parse(href).section(), Some(i));
        }
    }

    #[test]
    fn back_from_a_record_to_its_own_list_only() {
        let unit = Route::Unit("u1".into());
        assert!(unit.back_to_its_list(&Route::Units));
        assert!(Route::parse("#/pairings/p1").back_to_its_list(&Route::Pairings));
        let detail = Route::ResultDetail {
            round: "r1".into(),
            unit: "u1".into(),
        };
        assert!(detail.back_to_its_list(&Route::Results(Some("r1".into()))));
        // Not from the list to a record, nor from a record to another list or page.
        assert!(!Route::Units.back_to_its_list(&unit));
        assert!(!unit.back_to_its_list(&Route::Outcomes));
        assert!(!unit.back_to_its_list(&Route::Dashboard));
        assert!(!Route::Units.back_to_its_list(&Route::Units));
    }

    #[test]
    fn odd_hashes() {
        assert_eq!(Route::parse(""), Route::Dashboard);
        assert_eq!(Route::parse("#"), Route::Dashboard);
        assert_eq!(Route::parse("#/units/"), Route::Units);
        assert_eq!(Route::parse("#/nope/x"), Route::NotFound("nope/x".into()));
        assert_eq!(
            Route::parse("#/reports/2026/print/roster"),
            Route::Print(2026, PrintView::Roster)
        );
        assert_eq!(
            Route::parse("#/reports/2026/print/nope"),
            Route::NotFound("reports/2026/print/nope".into())
        );
        assert_eq!(Route::parse("#/units/%E4%B8%AD"), Route::Unit("中".into()));
        assert_eq!(Route::parse("#/units/%zz"), Route::Unit("%zz".into()));
        assert_eq!(Route::parse("#/units/%"), Route::Unit("%".into()));
    }
}
