//! A round's score sheets, each held behind a shared pointer.
//!
//! Every change to the data copies the state (the copy is changed, the old one goes to
//! the undo list). A large city has 12,000 sheets and 600,000 scores; copying them all
//! for one typed score made typing lag (`docs/performance.md`, row 7). Here a copy of
//! the state shares every sheet with the state it came from, and changing a sheet
//! copies that sheet alone ([`Arc::make_mut`]). Comparing two lists is a pointer
//! comparison for every sheet they share, which is how a save finds what changed.

use std::ops::{Index, IndexMut};
use std::sync::Arc;

use super::ScoreSheet;

/// A round's score sheets, in order; behaves like a `Vec<ScoreSheet>`.
#[derive(Debug, Clone, Default)]
pub struct Sheets(Vec<Arc<ScoreSheet>>);

impl Sheets {
    /// No sheets.
    pub fn new() -> Sheets {
        Sheets(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The sheets in order.
    pub fn iter(&self) -> Iter<'_> {
        self.into_iter()
    }

    /// Each sheet, to change: each one the iterator reaches is copied if it is
    /// shared, so prefer finding the position first and then [`get_mut`](Self::get_mut).
    pub fn iter_mut(&mut self) -> IterMut<'_> {
        self.0
            .iter_mut()
            .map(Arc::make_mut as fn(&mut Arc<ScoreSheet>) -> &mut ScoreSheet)
    }

    pub fn get(&self, i: usize) -> Option<&ScoreSheet> {
        self.0.get(i).map(|s| &**s)
    }

    /// Sheet `i`, to change (copied first if it is shared).
    pub fn get_mut(&mut self, i: usize) -> Option<&mut ScoreSheet> {
        self.0.get_mut(i).map(Arc::make_mut)
    }

    pub fn push(&mut self, sheet: ScoreSheet) {
        self.0.push(Arc::new(sheet));
    }

    /// Puts `sheet` at `i`, or after the last when `i` is the length. `false` (and
    /// nothing changed) when `i` is further on.
    pub fn put(&mut self, i: usize, sheet: ScoreSheet) -> bool {
        match i.cmp(&self.0.len()) {
            std::cmp::Ordering::Less => self.0[i] = Arc::new(sheet),
            std::cmp::Ordering::Equal => self.0.push(Arc::new(sheet)),
            std::cmp::Ordering::Greater => return false,
        }
        true
    }

    pub fn remove(&mut self, i: usize) -> ScoreSheet {
        Arc::unwrap_or_clone(self.0.remove(i))
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&ScoreSheet) -> bool) {
        self.0.retain(|s| keep(s));
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn truncate(&mut self, n: usize) {
        self.0.truncate(n);
    }

    /// Sorts the sheets (stable), moving them without copying any.
    pub fn sort_by(&mut self, mut cmp: impl FnMut(&ScoreSheet, &ScoreSheet) -> std::cmp::Ordering) {
        self.0.sort_by(|a, b| cmp(a, b));
    }

    /// Swaps sheets `a` and `b`.
    pub fn swap(&mut self, a: usize, b: usize) {
        self.0.swap(a, b);
    }

    /// Takes every sheet out, in order.
    pub fn take_all(&mut self) -> Vec<ScoreSheet> {
        std::mem::take(&mut self.0)
            .into_iter()
            .map(Arc::unwrap_or_clone)
            .collect()
    }

    /// Whether sheet `i` here is the very same (shared, unchanged) sheet as sheet `i`
    /// of `other`: no comparison of contents.
    pub fn same_at(&self, other: &Sheets, i: usize) -> bool {
        matches!((self.0.get(i), other.0.get(i)), (Some(a), Some(b)) if Arc::ptr_eq(a, b))
    }
}

impl PartialEq for Sheets {
    fn eq(&self, other: &Sheets) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

impl Index<usize> for Sheets {
    type Output = ScoreSheet;
    fn index(&self, i: usize) -> &ScoreSheet {
        &self.0[i]
    }
}

impl IndexMut<usize> for Sheets {
    fn index_mut(&mut self, i: usize) -> &mut ScoreSheet {
        Arc::make_mut(&mut self.0[i])
    }
}

impl From<Vec<ScoreSheet>> for Sheets {
    fn from(v: Vec<ScoreSheet>) -> Sheets {
        Sheets(v.into_iter().map(Arc::new).collect())
    }
}

impl FromIterator<ScoreSheet> for Sheets {
    fn from_iter<I: IntoIterator<Item = ScoreSheet>>(it: I) -> Sheets {
        Sheets(it.into_iter().map(Arc::new).collect())
    }
}

impl Extend<ScoreSheet> for Sheets {
    fn extend<I: IntoIterator<Item = ScoreSheet>>(&mut self, it: I) {
        self.0.extend(it.into_iter().map(Arc::new));
    }
}

/// The sheets of a [`Sheets`] in order (a named type, so that a borrow ends where the
/// iterator is used up, as with a `Vec`).
pub type Iter<'a> = std::iter::Map<
    std::slice::Iter<'a, Arc<ScoreSheet>>,
    fn(&'a Arc<ScoreSheet>) -> &'a ScoreSheet,
>;

/// The sheets of a [`Sheets`] in order, to change.
pub type IterMut<'a> = std::iter::Map<
    std::slice::IterMut<'a, Arc<ScoreSheet>>,
    fn(&'a mut Arc<ScoreSheet>) -> &'a mut ScoreSheet,
>;

fn deref_sheet(s: &Arc<ScoreSheet>) -> &ScoreSheet {
    s
}

impl<'a> IntoIterator for &'a Sheets {
    type Item = &'a ScoreSheet;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.0
            .iter()
            .map(deref_sheet as fn(&'a Arc<ScoreSheet>) -> &'a ScoreSheet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::SheetSource;
    use crate::domain::Points;

    fn sheet(unit: &str, p: i64) -> ScoreSheet {
        ScoreSheet {
            unit_id: unit.into(),
            source: SheetSource::SelfAssessment,
            points: vec![Some(Points(p))],
            evidence: Default::default(),
            submitted: false,
            meta: Default::default(),
        }
    }

    #[test]
    fn a_copy_shares_every_sheet_until_one_is_changed() {
        let a: Sheets = vec![sheet("u1", 100), sheet("u2", 200)].into();
        let mut b = a.clone();
        assert!(b.same_at(&a, 0) && b.same_at(&a, 1));
        b[1].points[0] = Some(Points(250));
        assert!(b.same_at(&a, 0), "the untouched sheet is still shared");
        assert!(!b.same_at(&a, 1));
        // The original is as it was.
        assert_eq!(a[1].points[0], Some(Points(200)));
        assert_ne!(a, b);
        b[1].points[0] = Some(Points(200));
        assert_eq!(a, b, "equal by content when no longer shared");
    }

    #[test]
    fn put_replaces_or_appends_and_refuses_a_gap() {
        let mut s: Sheets = vec![sheet("u1", 100)].into();
        assert!(s.put(0, sheet("u1", 300)));
        assert!(s.put(1, sheet("u2", 400)));
        assert!(!s.put(3, sheet("u3", 500)));
        let units: Vec<&str> = s.iter().map(|x| x.unit_id.as_str()).collect();
        assert_eq!(units, ["u1", "u2"]);
        assert_eq!(s[0].points[0], Some(Points(300)));
    }
}
