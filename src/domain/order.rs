//! A small stable sort. The standard library's sorts are fast but are instantiated in full
//! (about 5 KB of wasm each) for every element type and comparator; the app sorts only short
//! lists and one list of at most a few thousand deals, so one compact merge sort per element
//! type, taking its comparator as a trait object, keeps the download smaller (see README, size).

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Sorts `items` stably by `cmp`. The merge sort runs on positions (`usize`), so it exists
/// once in the binary whatever `T` is; moving the items into place is the only per-type code.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_positions(items.len(), &|i, j| cmp(&items[i], &items[j]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// A map of `pairs`, inserted one by one (the last of equal keys wins, as with `collect`).
/// Collecting into a `BTreeMap` sorts the items first, which instantiates the
/// standard library's sort (~4 KB of wasm) once per element type.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// `items` sorted, for membership by binary search. Not a `BTreeSet`: each set type is a
/// whole B-tree in the wasm (~4 KB), and these sets are built once and only read.
pub fn sorted<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut items: Vec<T> = items.into_iter().collect();
    sort_by(&mut items, &|a, b| a.cmp(b));
    items
}

/// The first item that stands twice in `items`, if any.
pub fn first_twice<T: Ord>(items: impl IntoIterator<Item = T>) -> Option<T> {
    let mut items = sorted(items);
    let at = items.windows(2).position(|w| w[0] == w[1])?;
    Some(items.swap_remove(at))
}

/// Positions `0..n` in the order `cmp` gives them (bottom-up merge sort, stable).
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut src: Vec<usize> = (0..n).collect();
    let mut dst = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut dst[start..end] {
                let take_right = j < end && (i >= mid || cmp(src[j], src[i]) == Ordering::Less);
                if take_right {
                    *slot = src[j];
                    j += 1;
                } else {
                    *slot = src[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    src
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_keep_what_collect_keeps_and_sorted_finds_doubles() {
        let pairs = [(3, "a"), (1, "b"), (3, "c"), (2, "d")];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        let sorted = sorted([5, 1, 5, 2]);
        assert_eq!(sorted, [1, 2, 5, 5]);
        assert!(sorted.binary_search(&2).is_ok() && sorted.binary_search(&3).is_err());
        assert_eq!(first_twice([4, 1, 3, 1]), Some(1));
        assert_eq!(first_twice([4, 1, 3]), None);
        assert_eq!(first_twice(Vec::<u8>::new()), None);
    }

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let mut rng = crate::domain::sample::Rng::new(3);
        for len in [0, 1, 2, 3, 7, 64, 1000] {
            let items: Vec<(u8, usize)> = (0..len).map(|i| ((rng.next_u64() % 5) as u8, i)).collect();
            let mut ours = items.clone();
            sort_by(&mut ours, &|a, b| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "len {len}");
        }
    }
}
