//! Rows of bits in one flat vector: participants × slots, candidates × slots.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BitRows {
    words_per_row: usize,
    words: Vec<u64>,
}

impl BitRows {
    pub fn new(rows: usize, bits_per_row: usize) -> Self {
        let words_per_row = bits_per_row.div_ceil(64).max(1);
        BitRows {
            words_per_row,
            words: vec![0; rows * words_per_row],
        }
    }

    pub fn get(&self, row: usize, bit: usize) -> bool {
        let word = self.words[row * self.words_per_row + bit / 64];
        word >> (bit % 64) & 1 == 1
    }

    pub fn set(&mut self, row: usize, bit: usize) {
        self.words[row * self.words_per_row + bit / 64] |= 1 << (bit % 64);
    }

    pub fn clear(&mut self, row: usize, bit: usize) {
        self.words[row * self.words_per_row + bit / 64] &= !(1 << (bit % 64));
    }

    pub fn row(&self, row: usize) -> &[u64] {
        let start = row * self.words_per_row;
        &self.words[start..start + self.words_per_row]
    }

    pub fn count_row(&self, row: usize) -> u32 {
        self.row(row).iter().map(|word| word.count_ones()).sum()
    }

    /// Bits `range` of `row`, shifted down so `range.start` is bit 0. The
    /// range must be at most 64 bits long.
    pub fn window(&self, row: usize, range: Range<usize>) -> u64 {
        let len = range.end - range.start;
        debug_assert!(len <= 64);
        if len == 0 {
            return 0;
        }
        let row = self.row(row);
        let first = range.start / 64;
        let shift = range.start % 64;
        let mut bits = row[first] >> shift;
        if shift != 0 && first + 1 < row.len() {
            bits |= row[first + 1] << (64 - shift);
        }
        if len < 64 {
            bits & ((1 << len) - 1)
        } else {
            bits
        }
    }

    /// Sets `row` of `self` to the AND of `a`'s row `a_row` and `b`'s row
    /// `b_row` (all three the same width).
    pub fn set_and(&mut self, row: usize, a: &BitRows, a_row: usize, b: &BitRows, b_row: usize) {
        let start = row * self.words_per_row;
        for (index, word) in self.words[start..start + self.words_per_row]
            .iter_mut()
            .enumerate()
        {
            *word = a.row(a_row)[index] & b.row(b_row)[index];
        }
    }

    /// Iterates the set bits of `row` in increasing order.
    pub fn ones(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        self.row(row).iter().enumerate().flat_map(|(index, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                Some(index * 64 + bit)
            })
        })
    }
}

/// Holes and their empty slots in bits `range` of `row`, with the bits at
/// `toggled` flipped first; any range length, a word at a time.
pub(super) fn gaps_in_range(
    rows: &BitRows,
    row: usize,
    range: Range<usize>,
    toggled: &[usize],
) -> (u32, u32) {
    let (mut holes, mut idle) = (0, 0);
    // Empty slots since the last meeting, once a meeting was seen.
    let mut pending: Option<u32> = None;
    let mut start = range.start;
    while start < range.end {
        let end = (start + 64).min(range.end);
        let len = (end - start) as u32;
        let mut bits = rows.window(row, start..end);
        for &slot in toggled.iter().filter(|slot| (start..end).contains(slot)) {
            bits ^= 1 << (slot - start);
        }
        if bits == 0 {
            pending = pending.map(|empty| empty + len);
        } else {
            let low = bits.trailing_zeros();
            let high = 63 - bits.leading_zeros();
            if let Some(empty) = pending.map(|empty| empty + low).filter(|&empty| empty > 0) {
                holes += 1;
                idle += empty;
            }
            let inside = gaps_in_window(bits);
            holes += inside.0;
            idle += inside.1;
            pending = Some(len - 1 - high);
        }
        start = end;
    }
    (holes, idle)
}

/// The first and last set bit of `row` within `range`, if any.
pub(super) fn span_in_range(
    rows: &BitRows,
    row: usize,
    range: Range<usize>,
) -> Option<(usize, usize)> {
    let mut first = None;
    let mut last = None;
    let mut start = range.start;
    while start < range.end {
        let end = (start + 64).min(range.end);
        let bits = rows.window(row, start..end);
        if bits != 0 {
            first = first.or(Some(start + bits.trailing_zeros() as usize));
            last = Some(start + 63 - bits.leading_zeros() as usize);
        }
        start = end;
    }
    first.zip(last)
}

/// Holes in a day given as a bit window (maximal runs of zeros strictly
/// between the first and the last one), and the empty slots inside them.
pub(super) fn gaps_in_window(bits: u64) -> (u32, u32) {
    if bits == 0 {
        return (0, 0);
    }
    let low = bits.trailing_zeros();
    let high = 63 - bits.leading_zeros();
    let width = high - low + 1;
    let span = if width == 64 {
        u64::MAX
    } else {
        ((1u64 << width) - 1) << low
    };
    let gaps = span & !bits;
    // A run starts where a gap bit has no gap bit just below it.
    ((gaps & !(gaps << 1)).count_ones(), gaps.count_ones())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holes(bits: u64) -> u32 {
        gaps_in_window(bits).0
    }

    #[test]
    fn holes_count_runs_of_empty_slots_between_meetings() {
        assert_eq!(holes(0), 0);
        assert_eq!(holes(0b1), 0);
        assert_eq!(holes(0b111000), 0);
        assert_eq!(holes(0b101), 1);
        assert_eq!(holes(0b1001), 1);
        assert_eq!(holes(0b1010_0101), 3);
        assert_eq!(holes(1 | 1 << 63), 1);
        assert_eq!(holes(u64::MAX), 0);
    }

    #[test]
    fn long_ranges_count_holes_like_one_window() {
        let mut rows = BitRows::new(1, 300);
        for bit in [3, 5, 70, 71, 200, 299] {
            rows.set(0, bit);
        }
        // Runs: 4, 6..70, 72..200, 201..299.
        assert_eq!(gaps_in_range(&rows, 0, 0..300, &[]), (4, 1 + 64 + 128 + 98));
        assert_eq!(
            gaps_in_range(&rows, 0, 0..64, &[]),
            gaps_in_window(rows.window(0, 0..64))
        );
        assert_eq!(gaps_in_range(&rows, 0, 64..300, &[70, 71]), (1, 98));
        assert_eq!(gaps_in_range(&rows, 0, 100..150, &[]), (0, 0));
        assert_eq!(span_in_range(&rows, 0, 0..300), Some((3, 299)));
        assert_eq!(span_in_range(&rows, 0, 72..200), None);
        assert_eq!(span_in_range(&rows, 0, 64..130), Some((70, 71)));
    }

    #[test]
    fn windows_cross_word_boundaries() {
        let mut rows = BitRows::new(2, 130);
        for bit in [60, 63, 64, 70, 129] {
            rows.set(1, bit);
        }
        assert_eq!(rows.window(1, 60..71), 0b100_0001_1001);
        assert_eq!(rows.window(0, 60..71), 0);
        assert_eq!(rows.window(1, 128..130), 0b10);
        assert_eq!(rows.ones(1).collect::<Vec<_>>(), vec![60, 63, 64, 70, 129]);
        assert_eq!(rows.count_row(1), 5);
        rows.clear(1, 64);
        assert!(!rows.get(1, 64));
        assert!(rows.get(1, 63));
    }
}
