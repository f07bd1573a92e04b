//! One stable sort for the whole app.
//!
//! `slice::sort_by` is compiled afresh for every element type and comparator, about
//! 3.5 KB of wasm each time; with a dozen call sites that was 60 KB of the download.
//! [`sort_by`] sorts positions with one comparator type (a `dyn` closure), so the
//! standard library's sort is compiled once, and then moves the elements into place.
//! Stable, O(n log n), the same results as `slice::sort_by`.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &mut |a, b| cmp(&items[a], &items[b]));
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| taken[i].take()));
}

/// Sorts `items` stably by the key `key` returns, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// A table's sort order that a column header can show and change (`ui::components::
/// sort_header`): clicking a column's header, and its `aria-sort` value.
pub trait TableSort: Copy + PartialEq + Send + Sync + 'static {
    /// A column.
    type Key: Copy + PartialEq + Send + Sync + 'static;
    /// The sort after clicking the header of `key`.
    fn click(self, key: Self::Key) -> Self;
    /// The `aria-sort` value of the header of `key`: none, ascending or descending.
    fn aria(self, key: Self::Key) -> &'static str;
}

fn sort_positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..5, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std = v;
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn keeps_equal_items_in_their_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
        sort_by(&mut v, |x, y| x.0.cmp(&y.0));
        assert_eq!(v, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }
}
