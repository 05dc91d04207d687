//! Go's `sort.Sort` / `sort.Slice` (pattern-defeating quicksort, Go 1.19+), so that
//! elements kubectl compares as equal (events in the same second, tolerations with
//! the same key) end up in the order a real kubectl prints them.

/// Sorts `items` as Go's `sort.Slice(items, less)` does (not stable).
pub fn sort_slice<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    {
        let mut data = Data {
            order: &mut order,
            less: &|a: usize, b: usize| less(&items[a], &items[b]),
        };
        let n = data.order.len();
        let limit = usize::BITS - n.leading_zeros();
        pdqsort(&mut data, 0, n, limit as usize);
    }
    apply_permutation(items, &order);
}

/// Reorders `items` so that position `i` holds the element that was at `order[i]`.
fn apply_permutation<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        if placed[start] {
            continue;
        }
        // Follow the cycle: position i takes the element from order[i].
        let mut i = start;
        loop {
            placed[i] = true;
            let from = order[i];
            if from == start || placed[from] {
                break;
            }
            items.swap(i, from);
            i = from;
        }
    }
}

/// `sort.Interface` over a permutation, with one compiled comparison for all types.
struct Data<'a> {
    order: &'a mut Vec<usize>,
    less: &'a dyn Fn(usize, usize) -> bool,
}

impl Data<'_> {
    fn less(&self, i: usize, j: usize) -> bool {
        (self.less)(self.order[i], self.order[j])
    }

    fn swap(&mut self, i: usize, j: usize) {
        self.order.swap(i, j);
    }
}

#[derive(PartialEq, Eq)]
enum Hint {
    Unknown,
    Increasing,
    Decreasing,
}

fn insertion_sort(data: &mut Data, a: usize, b: usize) {
    for i in a + 1..b {
        let mut j = i;
        while j > a && data.less(j, j - 1) {
            data.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn sift_down(data: &mut Data, lo: usize, hi: usize, first: usize) {
    let mut root = lo;
    loop {
        let mut child = 2 * root + 1;
        if child >= hi {
            return;
        }
        if child + 1 < hi && data.less(first + child, first + child + 1) {
            child += 1;
        }
        if !data.less(first + root, first + child) {
            return;
        }
        data.swap(first + root, first + child);
        root = child;
    }
}

fn heap_sort(data: &mut Data, a: usize, b: usize) {
    let first = a;
    let hi = b - a;
    if hi == 0 {
        return;
    }
    for i in (0..=(hi - 1) / 2).rev() {
        sift_down(data, i, hi, first);
    }
    for i in (0..hi).rev() {
        data.swap(first, first + i);
        sift_down(data, 0, i, first);
    }
}

fn pdqsort(data: &mut Data, mut a: usize, mut b: usize, mut limit: usize) {
    const MAX_INSERTION: usize = 12;
    let mut was_balanced = true;
    let mut was_partitioned = true;
    loop {
        let length = b - a;
        if length <= MAX_INSERTION {
            insertion_sort(data, a, b);
            return;
        }
        if limit == 0 {
            heap_sort(data, a, b);
            return;
        }
        if !was_balanced {
            break_patterns(data, a, b);
            limit -= 1;
        }
        let (mut pivot, mut hint) = choose_pivot(data, a, b);
        if hint == Hint::Decreasing {
            reverse_range(data, a, b);
            pivot = (b - 1) - (pivot - a);
            hint = Hint::Increasing;
        }
        if was_balanced
            && was_partitioned
            && hint == Hint::Increasing
            && partial_insertion_sort(data, a, b)
        {
            return;
        }
        if a > 0 && !data.less(a - 1, pivot) {
            a = partition_equal(data, a, b, pivot);
            continue;
        }
        let (mid, already_partitioned) = partition(data, a, b, pivot);
        was_partitioned = already_partitioned;
        let (left, right) = (mid - a, b - mid);
        let threshold = length / 8;
        if left < right {
            was_balanced = left >= threshold;
            pdqsort(data, a, mid, limit);
            a = mid + 1;
        } else {
            was_balanced = right >= threshold;
            pdqsort(data, mid + 1, b, limit);
            b = mid;
        }
    }
}

fn partition(data: &mut Data, a: usize, b: usize, pivot: usize) -> (usize, bool) {
    data.swap(a, pivot);
    // i and j are inclusive; j may step below a + 1, so they are signed.
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    let at = |k: isize| k as usize;
    while i <= j && data.less(at(i), a) {
        i += 1;
    }
    while i <= j && !data.less(at(j), a) {
        j -= 1;
    }
    if i > j {
        data.swap(at(j), a);
        return (at(j), true);
    }
    data.swap(at(i), at(j));
    i += 1;
    j -= 1;
    loop {
        while i <= j && data.less(at(i), a) {
            i += 1;
        }
        while i <= j && !data.less(at(j), a) {
            j -= 1;
        }
        if i > j {
            break;
        }
        data.swap(at(i), at(j));
        i += 1;
        j -= 1;
    }
    data.swap(at(j), a);
    (at(j), false)
}

fn partition_equal(data: &mut Data, a: usize, b: usize, pivot: usize) -> usize {
    data.swap(a, pivot);
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    let at = |k: isize| k as usize;
    loop {
        while i <= j && !data.less(a, at(i)) {
            i += 1;
        }
        while i <= j && data.less(a, at(j)) {
            j -= 1;
        }
        if i > j {
            break;
        }
        data.swap(at(i), at(j));
        i += 1;
        j -= 1;
    }
    at(i)
}

fn partial_insertion_sort(data: &mut Data, a: usize, b: usize) -> bool {
    const MAX_STEPS: usize = 5;
    const SHORTEST_SHIFTING: usize = 50;
    let mut i = a + 1;
    for _ in 0..MAX_STEPS {
        while i < b && !data.less(i, i - 1) {
            i += 1;
        }
        if i == b {
            return true;
        }
        if b - a < SHORTEST_SHIFTING {
            return false;
        }
        data.swap(i, i - 1);
        if i - a >= 2 {
            let mut j = i - 1;
            while j >= 1 {
                if !data.less(j, j - 1) {
                    break;
                }
                data.swap(j, j - 1);
                j -= 1;
            }
        }
        if b - i >= 2 {
            for j in i + 1..b {
                if !data.less(j, j - 1) {
                    break;
                }
                data.swap(j, j - 1);
            }
        }
    }
    false
}

fn break_patterns(data: &mut Data, a: usize, b: usize) {
    let length = b - a;
    if length < 8 {
        return;
    }
    // Go's `xorshift(length)` and `nextPowerOfTwo`.
    let mut random = length as u64;
    let modulus = 1usize << (usize::BITS - length.leading_zeros());
    let middle = a + (length / 4) * 2;
    for idx in middle - 1..=middle + 1 {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        let mut other = (random as usize) & (modulus - 1);
        if other >= length {
            other -= length;
        }
        data.swap(idx, a + other);
    }
}

fn choose_pivot(data: &mut Data, a: usize, b: usize) -> (usize, Hint) {
    const SHORTEST_NINTHER: usize = 50;
    const MAX_SWAPS: usize = 4 * 3;
    let l = b - a;
    let mut swaps = 0;
    let mut i = a + l / 4;
    let mut j = a + l / 4 * 2;
    let mut k = a + l / 4 * 3;
    if l >= 8 {
        if l >= SHORTEST_NINTHER {
            i = median(data, i - 1, i, i + 1, &mut swaps);
            j = median(data, j - 1, j, j + 1, &mut swaps);
            k = median(data, k - 1, k, k + 1, &mut swaps);
        }
        j = median(data, i, j, k, &mut swaps);
    }
    match swaps {
        0 => (j, Hint::Increasing),
        MAX_SWAPS => (j, Hint::Decreasing),
        _ => (j, Hint::Unknown),
    }
}

fn order2(data: &Data, a: usize, b: usize, swaps: &mut usize) -> (usize, usize) {
    if data.less(b, a) {
        *swaps += 1;
        (b, a)
    } else {
        (a, b)
    }
}

fn median(data: &Data, a: usize, b: usize, c: usize, swaps: &mut usize) -> usize {
    let (a, b) = order2(data, a, b, swaps);
    let (b, c) = order2(data, b, c, swaps);
    let _ = c;
    let (_, b) = order2(data, a, b, swaps);
    b
}

fn reverse_range(data: &mut Data, a: usize, b: usize) {
    let (mut i, mut j) = (a, b - 1);
    while i < j {
        data.swap(i, j);
        i += 1;
        j -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_small_runs_stable() {
        let mut v: Vec<(u32, u32)> = (0..12).map(|i| (i % 3, i)).collect();
        sort_slice(&mut v, |a, b| a.0 < b.0);
        // Twelve elements or fewer: insertion sort, which is stable.
        let want: Vec<(u32, u32)> = [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]
            .iter()
            .map(|&i| (i % 3, i))
            .collect();
        assert_eq!(v, want);
    }

    #[test]
    fn sorts_long_and_reversed_inputs() {
        for n in [13usize, 40, 64, 100, 257] {
            let mut v: Vec<usize> = (0..n).rev().collect();
            sort_slice(&mut v, |a, b| a < b);
            assert_eq!(v, (0..n).collect::<Vec<_>>(), "{n}");
            let mut w: Vec<usize> = (0..n).map(|i| (i * 7919) % n).collect();
            sort_slice(&mut w, |a, b| a < b);
            assert!(w.windows(2).all(|p| p[0] <= p[1]), "{n}");
            let mut d: Vec<usize> = (0..n).map(|i| i % 4).collect();
            sort_slice(&mut d, |a, b| a < b);
            assert!(d.windows(2).all(|p| p[0] <= p[1]), "{n}");
        }
    }
}
