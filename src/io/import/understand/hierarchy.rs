//! The outline of a table's lines (parents and their children) and the office's own figures for
//! the parents.
//!
//! Levels come from the numbering ([`super::numbering`]). A parent's stated figures are checked
//! against its children's: when they add up, the parent becomes a group (its figures roll up);
//! when the first children add up and the rest do not belong (a line numbered like the parent's
//! siblings' children but meant as a sibling), those are moved up; when they do not add up (an
//! excerpt, a missing child), the parent's figure stands: the difference is kept in a line
//! "Chưa chi tiết" under it, and reported.

use rust_decimal::Decimal;

use super::amounts::Amount;

/// One node of the outline: a line of the table, or a "Chưa chi tiết" line under `detail_of`.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// The line's index in the caller's list, or `None` for a detail line.
    pub line: Option<usize>,
    /// The parent whose unexplained figures a detail line holds.
    pub detail_of: Option<usize>,
    pub children: Vec<usize>,
    /// The figures that count for this node, per field: its own for a leaf, the rolled-up (or
    /// stated) ones for a group.
    pub eff: Vec<Amount>,
}

/// What settling the outline found, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Event {
    /// The parent `line` states `stated` in field `field`, its children add up to `sum`; the
    /// difference is kept under it (when positive) or the children's sum is used.
    Mismatch { line: usize, field: usize, stated: Decimal, sum: Decimal },
    /// The children after the first `kept` of `line` add up to nothing it states: moved up.
    MovedUp { line: usize, moved: usize },
}

/// The settled outline: nodes in display order with their depth.
#[derive(Debug, Clone, Default)]
pub(super) struct Outline {
    pub nodes: Vec<Node>,
    /// Display order: (node index, depth).
    pub order: Vec<(usize, u8)>,
    pub roots: Vec<usize>,
    pub events: Vec<Event>,
}

/// Builds the outline of lines with outline `levels`, their stated figures per field
/// (`stated[line][field]`) and which fields to compare (`compare[field]`).
pub(super) fn settle(levels: &[u8], stated: &[Vec<Amount>], compare: &[bool]) -> Outline {
    let width = compare.len();
    let mut nodes: Vec<Node> = (0..levels.len())
        .map(|i| Node {
            line: Some(i),
            detail_of: None,
            children: Vec::new(),
            eff: stated.get(i).cloned().unwrap_or_else(|| vec![Amount::Empty; width]),
        })
        .collect();
    // Tree from levels: the parent of a line is the nearest line above with a lower level.
    let mut roots = Vec::new();
    let mut stack: Vec<(usize, u8)> = Vec::new();
    for (i, &level) in levels.iter().enumerate() {
        while stack.last().is_some_and(|&(_, l)| l >= level) {
            stack.pop();
        }
        match stack.last() {
            Some(&(p, _)) => {
                if let Some(n) = nodes.get_mut(p) {
                    n.children.push(i);
                }
            }
            None => roots.push(i),
        }
        stack.push((i, level));
    }
    let mut outline = Outline { nodes: Vec::new(), order: Vec::new(), roots: Vec::new(), events: Vec::new() };
    let mut settler = Settler { nodes: &mut nodes, stated, compare, events: &mut outline.events };
    let mut settled_roots = Vec::new();
    for r in roots {
        settled_roots.push(r);
        settled_roots.extend(settler.settle(r, 0));
    }
    outline.nodes = nodes;
    outline.roots = settled_roots.clone();
    let mut order = Vec::new();
    for r in settled_roots {
        flatten(&outline.nodes, r, 0, &mut order);
    }
    outline.order = order;
    outline
}

fn flatten(nodes: &[Node], n: usize, depth: u8, order: &mut Vec<(usize, u8)>) {
    order.push((n, depth));
    if let Some(node) = nodes.get(n) {
        for &c in &node.children {
            flatten(nodes, c, depth.saturating_add(1).min(12), order);
        }
    }
}

struct Settler<'a> {
    nodes: &'a mut Vec<Node>,
    stated: &'a [Vec<Amount>],
    compare: &'a [bool],
    events: &'a mut Vec<Event>,
}

impl Settler<'_> {
    fn stated_of(&self, n: usize) -> Option<&Vec<Amount>> {
        let line = self.nodes.get(n)?.line?;
        self.stated.get(line)
    }

    /// Whether the stated figures of `n` equal `sum` in every compared field it states.
    fn matches(&self, n: usize, sum: &[Amount]) -> bool {
        let Some(stated) = self.stated_of(n) else { return true };
        stated.iter().zip(sum).zip(self.compare).all(|((s, t), c)| match (s, t) {
            _ if !c => true,
            (Amount::Value(s), Amount::Value(t)) => s == t,
            (Amount::Value(s), Amount::Empty) => s.is_zero(),
            _ => true,
        })
    }

    /// Settles the subtree of `n` (at depth `depth`); returns children moved up to its level.
    fn settle(&mut self, n: usize, depth: u8) -> Vec<usize> {
        let kids = self.nodes.get_mut(n).map(|x| std::mem::take(&mut x.children)).unwrap_or_default();
        let mut flat = Vec::with_capacity(kids.len());
        for k in kids {
            flat.push(k);
            let moved = self.settle(k, depth.saturating_add(1));
            flat.extend(moved);
        }
        if flat.is_empty() {
            return Vec::new();
        }
        let width = self.compare.len();
        let mut sum = vec![Amount::Empty; width];
        for &k in &flat {
            if let Some(node) = self.nodes.get(k) {
                let eff = node.eff.clone();
                Amount::add_rows(&mut sum, &eff);
            }
        }
        let states_anything = self
            .stated_of(n)
            .is_some_and(|s| s.iter().zip(self.compare).any(|(a, c)| *c && matches!(a, Amount::Value(_))));
        if !states_anything || self.matches(n, &sum) {
            self.set_group(n, flat, sum);
            return Vec::new();
        }
        // The first children add up: the rest belong a level up.
        let mut acc = vec![Amount::Empty; width];
        for k in 1..flat.len() {
            if let Some(node) = flat.get(k - 1).and_then(|&c| self.nodes.get(c)) {
                let eff = node.eff.clone();
                Amount::add_rows(&mut acc, &eff);
            }
            let any_value =
                acc.iter().zip(self.compare).any(|(a, c)| *c && matches!(a, Amount::Value(v) if !v.is_zero()));
            if any_value && self.matches(n, &acc) {
                let moved = flat.split_off(k);
                if let Some(line) = self.nodes.get(n).and_then(|x| x.line) {
                    self.events.push(Event::MovedUp { line, moved: moved.len() });
                }
                self.set_group(n, flat, acc);
                return moved;
            }
        }
        // They do not add up: the stated figures stand, the difference under a detail line.
        let stated = self.stated_of(n).cloned().unwrap_or_default();
        let line = self.nodes.get(n).and_then(|x| x.line).unwrap_or(0);
        let mut detail = vec![Amount::Empty; width];
        let mut eff = sum.clone();
        let mut any_detail = false;
        for f in 0..width {
            if !self.compare.get(f).copied().unwrap_or(false) {
                continue;
            }
            let (Some(Amount::Value(s)), Some(t)) = (stated.get(f), sum.get(f)) else { continue };
            let t_value = match t {
                Amount::Value(v) => *v,
                Amount::Empty => Decimal::ZERO,
                Amount::Invalid => continue,
            };
            if *s == t_value {
                continue;
            }
            self.events.push(Event::Mismatch { line, field: f, stated: *s, sum: t_value });
            if *s > t_value {
                if let Some(d) = detail.get_mut(f) {
                    *d = Amount::Value(s.saturating_sub(t_value));
                }
                if let Some(e) = eff.get_mut(f) {
                    *e = Amount::Value(*s);
                }
                any_detail = true;
            }
        }
        if any_detail {
            let id = self.nodes.len();
            self.nodes.push(Node { line: None, detail_of: Some(n), children: Vec::new(), eff: detail });
            flat.push(id);
        }
        if let Some(node) = self.nodes.get_mut(n) {
            node.children = flat;
            node.eff = eff;
        }
        Vec::new()
    }

    fn set_group(&mut self, n: usize, children: Vec<usize>, sum: Vec<Amount>) {
        let stated = self.stated_of(n).cloned();
        if let Some(node) = self.nodes.get_mut(n) {
            node.children = children;
            // Fields the parent states but does not compare (its own notes, shares) keep its value.
            node.eff = match stated {
                Some(s) => s.iter().zip(sum).map(|(a, b)| if matches!(b, Amount::Empty) { *a } else { b }).collect(),
                None => sum,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn v(x: i64) -> Amount {
        Amount::Value(Decimal::from(x))
    }

    #[test]
    fn parents_that_add_up_become_groups() {
        // I (300) > 1 (100), 2 (200); II (50) > - (50)
        let levels = [0, 1, 1, 0, 1];
        let stated = vec![vec![v(300)], vec![v(100)], vec![v(200)], vec![v(50)], vec![v(50)]];
        let o = settle(&levels, &stated, &[true]);
        assert!(o.events.is_empty(), "{:?}", o.events);
        let depths: Vec<u8> = o.order.iter().map(|(_, d)| *d).collect();
        assert_eq!(depths, [0, 1, 1, 0, 1]);
        let root_sum: Decimal = o.roots.iter().filter_map(|&r| o.nodes[r].eff[0].value()).sum();
        assert_eq!(root_sum, dec!(350));
    }

    #[test]
    fn a_parent_whose_children_fall_short_keeps_its_figure_under_a_detail_line() {
        let levels = [0, 1, 1];
        let stated = vec![vec![v(500)], vec![v(100)], vec![v(300)]];
        let o = settle(&levels, &stated, &[true]);
        assert_eq!(o.events, [Event::Mismatch { line: 0, field: 0, stated: dec!(500), sum: dec!(400) }]);
        assert_eq!(o.order.len(), 4);
        let detail = o.order.last().map(|(n, _)| &o.nodes[*n]).unwrap();
        assert_eq!(detail.detail_of, Some(0));
        assert_eq!(detail.eff[0], v(100));
        assert_eq!(o.nodes[o.roots[0]].eff[0], v(500));
    }

    #[test]
    fn trailing_children_that_do_not_belong_move_up() {
        // "2. Y 200" then an unnumbered "Dự phòng 50" read as its child.
        let levels = [0, 1];
        let stated = vec![vec![v(200)], vec![v(50)]];
        let o = settle(&levels, &stated, &[true]);
        // No prefix of one child adds up to 200: kept with a detail line of 150.
        assert!(matches!(o.events[0], Event::Mismatch { .. }));
        // Two children of which the first adds up: the second moves up.
        let levels = [0, 1, 1];
        let stated = vec![vec![v(200)], vec![v(200)], vec![v(50)]];
        let o = settle(&levels, &stated, &[true]);
        assert_eq!(o.events, [Event::MovedUp { line: 0, moved: 1 }]);
        let depths: Vec<u8> = o.order.iter().map(|(_, d)| *d).collect();
        assert_eq!(depths, [0, 1, 0]);
    }

    #[test]
    fn headings_without_figures_roll_up() {
        let levels = [0, 1, 1];
        let stated = vec![vec![Amount::Empty], vec![v(1)], vec![v(2)]];
        let o = settle(&levels, &stated, &[true]);
        assert!(o.events.is_empty());
        assert_eq!(o.nodes[0].eff[0], v(3));
    }
}
