//! A small stable sort. The standard library's sorts are fast but are instantiated in full
//! (about 5 KB of wasm each) for every element type and comparator; the app sorts only short
//! lists and one list of at most a few thousand deals, so one compact merge sort per element
//! type, taking its comparator as a trait object, keeps the download smaller (see README, size).

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`. The merge sort runs on positions (`usize`) and the items are
/// moved into place by swaps, so both exist once in the binary whatever `T` is; reading two
/// items and swapping two are the only per-type code (neither with a bounds-check panic).
pub fn sort_by<T>(items: &mut [T], cmp: &dyn Fn(&T, &T) -> Ordering) {
    // Positions are below the length: read through `get`, so no type has bounds-check panics
    // of its own.
    let order = sorted_positions(items.len(), &|i, j| match (items.get(i), items.get(j)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => Ordering::Equal,
    });
    permute(&order, &mut |i, j| {
        if let Some([a, .., b]) = items.get_mut(i..=j) {
            std::mem::swap(a, b);
        }
    });
}

/// Puts the item at `order[i]` at `i` for every `i`, by swaps of `i` with a later position
/// (`swap(i, j)`, `i < j`). Positions before `i` are final
/// when `i` is reached; the item meant for `i` was moved by earlier swaps only if its position
/// is before `i`, and then it sits where the item of that position was sent.
fn permute(order: &[usize], swap: &mut dyn FnMut(usize, usize)) {
    for (i, &to) in order.iter().enumerate() {
        let mut j = to;
        while j < i {
            // Always there (`j < i`); read without a bounds-check panic.
            j = order.get(j).copied().unwrap_or(i);
        }
        if j != i {
            swap(i, j);
        }
    }
}

/// A map of `pairs`, inserted one by one (the last of equal keys wins, as with `collect`).
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> SortedMap<K, V> {
    let mut map = SortedMap::default();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// A map kept as a list sorted by key, read by binary search: the deals in memory and the
/// index (a few thousand entries at most). It iterates in key order like a `BTreeMap`, but
/// each `BTreeMap` type is a whole B-tree in the wasm (~9 KB raw); this is a binary search
/// and a `Vec` insert.
#[derive(Clone, Debug, PartialEq)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    fn find(&self, key: &K) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.cmp(key))
    }
    pub fn get(&self, key: &K) -> Option<&V> {
        self.find(key).ok().and_then(|at| self.0.get(at)).map(|(_, v)| v)
    }
    pub fn contains_key(&self, key: &K) -> bool {
        self.find(key).is_ok()
    }
    /// Sets `key` to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(at) => self.0.get_mut(at).map(|(_, v)| std::mem::replace(v, value)),
            Err(at) => {
                self.0.insert(at, (key, value));
                None
            }
        }
    }
    pub fn remove(&mut self, key: &K) -> Option<V> {
        let at = self.find(key).ok()?;
        Some(self.0.remove(at).1)
    }
    pub fn retain(&mut self, keep: impl Fn(&K, &V) -> bool) {
        self.0.retain(|(k, v)| keep(k, v));
    }
    pub fn clear(&mut self) {
        self.0.clear();
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }
    pub fn into_values(self) -> impl Iterator<Item = V> {
        self.0.into_iter().map(|(_, v)| v)
    }
}

impl<K: Ord, V> std::ops::Index<&K> for SortedMap<K, V> {
    type Output = V;
    fn index(&self, key: &K) -> &V {
        self.get(key).expect("no such key")
    }
}

/// The first `n` of `items` in `cmp`'s order, stably, without ordering the rest (all of them,
/// sorted, when `n` is at least their number).
pub fn first_n<T>(mut items: Vec<T>, n: usize, cmp: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
    if n >= items.len() {
        sort_by(&mut items, cmp);
        return items;
    }
    let mut first: Vec<T> = Vec::with_capacity(n + 1);
    for item in items {
        // After every kept item it does not come before: equal items keep their order.
        let at = first
            .iter()
            .position(|kept| cmp(&item, kept) == Ordering::Less)
            .unwrap_or(first.len());
        if at < n {
            first.insert(at, item);
            first.truncate(n);
        }
    }
    first
}

/// A small map kept as a list, for maps of at most a few hundred entries read by key (a tab's
/// known revisions, what waits to be written). Each `BTreeMap` type is a whole B-tree in the
/// wasm (~9 KB raw); this is a few linear scans. Keys keep their insertion order.
#[derive(Clone, Debug, PartialEq)]
pub struct ListMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for ListMap<K, V> {
    fn default() -> Self {
        ListMap(Vec::new())
    }
}

impl<K: PartialEq, V> ListMap<K, V> {
    pub fn get(&self, key: &K) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn contains_key(&self, key: &K) -> bool {
        self.get(key).is_some()
    }
    /// Sets `key` to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => Some(std::mem::replace(&mut slot.1, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }
    pub fn remove(&mut self, key: &K) -> Option<V> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn into_keys(self) -> impl Iterator<Item = K> {
        self.0.into_iter().map(|(k, _)| k)
    }
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
    let at = items.windows(2).position(|w| matches!(w, [a, b] if a == b))?;
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
    use std::collections::BTreeMap;

    #[test]
    fn maps_keep_what_collect_keeps_and_sorted_finds_doubles() {
        let pairs = [(3, "a"), (1, "b"), (3, "c"), (2, "d")];
        assert!(map_of(pairs)
            .0
            .into_iter()
            .eq(pairs.into_iter().collect::<BTreeMap<_, _>>()));
        let sorted = sorted([5, 1, 5, 2]);
        assert_eq!(sorted, [1, 2, 5, 5]);
        assert!(sorted.binary_search(&2).is_ok() && sorted.binary_search(&3).is_err());
        assert_eq!(first_twice([4, 1, 3, 1]), Some(1));
        assert_eq!(first_twice([4, 1, 3]), None);
        assert_eq!(first_twice(Vec::<u8>::new()), None);
    }

    #[test]
    fn first_n_is_the_start_of_a_stable_sort() {
        let mut rng = crate::domain::sample::Rng::new(7);
        for (len, n) in [(0, 5), (3, 5), (20, 5), (200, 1), (200, 0), (50, 50)] {
            let items: Vec<(u8, usize)> = (0..len).map(|i| ((rng.next_u64() % 6) as u8, i)).collect();
            let mut sorted = items.clone();
            sorted.sort_by_key(|a| a.0);
            sorted.truncate(n);
            assert_eq!(
                first_n(items, n, &|a, b| a.0.cmp(&b.0)),
                sorted,
                "len {len}, n {n}"
            );
        }
    }

    #[test]
    fn a_sorted_map_answers_and_iterates_like_a_btree_map() {
        let mut ours = SortedMap::default();
        let mut std = BTreeMap::new();
        let mut rng = crate::domain::sample::Rng::new(11);
        for _ in 0..2000 {
            let (key, value) = ((rng.next_u64() % 50) as u8, rng.next_u64());
            match rng.next_u64() % 4 {
                0 => assert_eq!(ours.remove(&key), std.remove(&key)),
                1 if key % 7 == 0 => {
                    ours.retain(|k, _| k % 3 != 0);
                    std.retain(|k, _| k % 3 != 0);
                }
                _ => assert_eq!(ours.insert(key, value), std.insert(key, value)),
            }
            assert_eq!(ours.len(), std.len());
            assert_eq!(ours.get(&key), std.get(&key));
            assert_eq!(ours.contains_key(&key), std.contains_key(&key));
            assert!(ours.values().eq(std.values()), "the same values in key order");
        }
        assert!(ours.into_values().eq(std.into_values()));
    }

    #[test]
    fn a_list_map_answers_like_a_btree_map() {
        let mut ours = ListMap::default();
        let mut std = BTreeMap::new();
        let mut rng = crate::domain::sample::Rng::new(5);
        for _ in 0..500 {
            let (key, value) = ((rng.next_u64() % 20) as u8, rng.next_u64());
            match rng.next_u64() % 3 {
                0 => assert_eq!(ours.remove(&key), std.remove(&key)),
                _ => assert_eq!(ours.insert(key, value), std.insert(key, value)),
            }
            assert_eq!(ours.len(), std.len());
            assert_eq!(ours.get(&key), std.get(&key));
            assert_eq!(ours.contains_key(&key), std.contains_key(&key));
        }
        let mut keys: Vec<u8> = ours.into_keys().collect();
        keys.sort_unstable();
        assert_eq!(keys, std.into_keys().collect::<Vec<_>>());
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
