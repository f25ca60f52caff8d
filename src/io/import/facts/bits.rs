//! A bit set of row or column positions.

/// A set of positions below a fixed size, allocated on first use.
pub(super) struct Bits {
    size: u32,
    words: Vec<u64>,
}

impl Bits {
    pub(super) fn new(size: u32) -> Self {
        Bits { size, words: Vec::new() }
    }

    pub(super) fn set(&mut self, at: u32) {
        self.set_range(at, at);
    }

    /// Sets `first..=last`, clipped to the size.
    pub(super) fn set_range(&mut self, first: u32, last: u32) {
        let last = last.min(self.size.saturating_sub(1));
        if first > last || first >= self.size {
            return;
        }
        if self.words.is_empty() {
            self.words = vec![0; self.size.div_ceil(64) as usize];
        }
        let mut at = first;
        while at <= last {
            let word = (at / 64) as usize;
            let bit = at % 64;
            let span = (64 - bit).min(last - at + 1);
            let mask = if span == 64 { u64::MAX } else { ((1u64 << span) - 1) << bit };
            if let Some(w) = self.words.get_mut(word) {
                *w |= mask;
            }
            at += span;
        }
    }

    /// The positions set below `limit`, ascending.
    pub(super) fn ones(&self, limit: u32) -> Vec<u32> {
        let mut out = Vec::new();
        for (i, &word) in self.words.iter().enumerate() {
            let mut w = word;
            while w != 0 {
                let at = i as u32 * 64 + w.trailing_zeros();
                if at >= limit {
                    return out;
                }
                out.push(at);
                w &= w - 1;
            }
        }
        out
    }
}
