//! What 概览 lists as waiting for a decision: the lifecycle proposals of every round,
//! not only the newest (a clerk who creates next year's round must still see last
//! year's undecided proposals), newest round first; the deadline proposals once.

use super::lifecycle::{pending_proposals, propose_changes};
use super::model::{AppState, Id};
use super::report::rounds_latest_first;

/// A round with proposals waiting (the newest round is listed even with none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundWaiting {
    pub round_id: Id,
    pub round_name: String,
    /// Undecided proposals from the round's results (for the newest round, with the
    /// 警示 units whose deadline has passed).
    pub proposals: usize,
}

/// Rounds with proposals waiting on `today`, newest first; the newest round always.
pub fn rounds_waiting(state: &AppState, today: &str) -> Vec<RoundWaiting> {
    rounds_latest_first(state)
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let n = if i == 0 {
                pending_proposals(state, Some(&r.id), today).map(|v| v.len())
            } else {
                propose_changes(state, &r.id, today)
                    .map(|v| v.len())
                    .map_err(|e| e.into())
            }
            .unwrap_or(0);
            (i == 0 || n > 0).then(|| RoundWaiting {
                round_id: r.id.clone(),
                round_name: r.name.clone(),
                proposals: n,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Round;

    #[test]
    fn an_older_rounds_proposals_stay_listed_after_a_new_round() {
        let mut s = crate::domain::sample::sample_city(2026);
        let today = "2026-12-01";
        let before = rounds_waiting(&s, today);
        let newest = before[0].clone();
        assert!(
            newest.proposals > 0,
            "the sample's newest round has proposals"
        );
        // The next year's round is created, with nothing scored yet.
        let mut next: Round = s
            .rounds
            .iter()
            .find(|r| r.id == newest.round_id)
            .map(|r| Round::clone(r))
            .expect("the newest round");
        next.id = "r-next".into();
        next.name = "下一年度考评".into();
        next.year += 1;
        next.sheets.clear();
        next.adjustments.clear();
        next.published = false;
        next.publication = None;
        s.rounds.push(next.into());
        let after = rounds_waiting(&s, today);
        assert_eq!(after[0].round_id, "r-next", "the new round comes first");
        let kept = after
            .iter()
            .find(|w| w.round_id == newest.round_id)
            .expect("last year's round is still listed");
        let own = propose_changes(&s, &newest.round_id, today)
            .expect("proposals")
            .len();
        assert_eq!(kept.proposals, own);
        assert!(kept.proposals > 0);
    }

    #[test]
    fn no_rounds_nothing_waiting() {
        assert!(rounds_waiting(&AppState::default(), "2026-12-01").is_empty());
    }
}
