//! The consolidated outline: the units' lines matched by code and name under the same group, as
//! a tree that grows unit by unit and is written back as the plan's lines.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::model::{BudgetLine, Correction, ItemId, Plan, Year, fold_name, line_key};

/// How a unit's line found its consolidated line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// A line of its own: no other unit has it (yet).
    New,
    /// The same code and the same name.
    CodeAndName,
    /// The same name (accents, case and spacing ignored).
    Name,
    /// The same code and a similar name: to be checked.
    Code,
    /// A correction by the planner.
    Corrected,
}

/// One unit line and the consolidated line it went into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMatch {
    /// The unit (index in the consolidation's units).
    pub unit: usize,
    /// The unit line's key ([`line_key`]).
    pub key: String,
    /// The unit line's name as the unit wrote it.
    pub name: String,
    /// The consolidated line.
    pub line: ItemId,
    /// How it was matched.
    pub how: MatchedBy,
}

/// Where a new line goes among its siblings.
#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    /// Just after this node.
    After(usize),
    /// Before every sibling.
    First,
    /// After every sibling.
    Last,
}

/// A line of the consolidated outline.
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub line: BudgetLine,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The last unit that put a line here (a unit matches a line once).
    pub taken_by: Option<usize>,
    /// The line's name folded, and its code folded.
    pub folded: String,
    pub code: String,
}

/// The outline being built.
#[derive(Debug, Default)]
pub(super) struct Outline {
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
    pub next_id: u32,
    /// Children by (parent, folded name).
    by_name: HashMap<(Option<usize>, String), Vec<usize>>,
    /// Children by (parent, folded code).
    by_code: HashMap<(Option<usize>, String), Vec<usize>>,
    /// Where each (unit name, line key) went.
    pub placed: HashMap<(String, String), usize>,
    pub by_id: HashMap<ItemId, usize>,
}

fn fold_code(code: &str) -> String {
    fold_name(code).trim_end_matches([')', '.']).to_string()
}

/// Whether two folded names are alike enough for a match by code: one contains the other, or
/// they share at least half of their words.
fn similar(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.contains(b) || b.contains(a) {
        return true;
    }
    let wa: std::collections::HashSet<&str> = a.split(' ').collect();
    let wb: std::collections::HashSet<&str> = b.split(' ').collect();
    let common = wa.intersection(&wb).count();
    common * 2 >= wa.len().max(wb.len())
}

impl Outline {
    /// The outline of an existing consolidated plan (its lines, their depths kept).
    pub fn of_plan(plan: &Plan, next_id: u32) -> Self {
        let mut out = Outline { next_id, ..Default::default() };
        let mut stack: Vec<(u8, usize)> = Vec::new();
        for line in &plan.lines {
            while stack.last().is_some_and(|&(d, _)| d >= line.depth) {
                stack.pop();
            }
            let parent = stack.last().map(|&(_, n)| n);
            let n = out.push(parent, Place::Last, line.clone());
            stack.push((line.depth, n));
        }
        out
    }

    /// Adds a node under `parent`, at `place` among its siblings.
    fn push(&mut self, parent: Option<usize>, place: Place, line: BudgetLine) -> usize {
        let n = self.nodes.len();
        let folded = fold_name(&line.name);
        let code = fold_code(&line.code);
        self.by_name.entry((parent, folded.clone())).or_default().push(n);
        if !code.is_empty() {
            self.by_code.entry((parent, code.clone())).or_default().push(n);
        }
        self.by_id.insert(line.id, n);
        self.nodes.push(Node { line, parent, children: Vec::new(), taken_by: None, folded, code });
        let siblings = match parent {
            Some(p) => &mut self.nodes[p].children,
            None => &mut self.roots,
        };
        match place {
            Place::After(a) => match siblings.iter().position(|&s| s == a) {
                Some(k) => siblings.insert(k + 1, n),
                None => siblings.push(n),
            },
            Place::First => siblings.insert(0, n),
            Place::Last => siblings.push(n),
        }
        n
    }

    /// A new line for a unit's line, named and coded as the unit wrote it.
    pub fn add_new(&mut self, parent: Option<usize>, place: Place, from: &BudgetLine) -> usize {
        let id = ItemId(self.next_id);
        self.next_id += 1;
        let depth = parent.map(|p| self.nodes[p].line.depth.saturating_add(1)).unwrap_or(0);
        let line = BudgetLine {
            id,
            name: from.name.split_whitespace().collect::<Vec<_>>().join(" "),
            code: from.code.trim().to_string(),
            depth,
            agency: from.agency.trim().to_string(),
            notes: String::new(),
            amounts: BTreeMap::new(),
        };
        self.push(parent, place, line)
    }

    /// The node a unit's line goes into under `parent`: by code and name, by name, by code with
    /// a similar name, skipping nodes this unit already uses.
    pub fn find(&self, unit: usize, parent: Option<usize>, line: &BudgetLine) -> Option<(usize, MatchedBy)> {
        let folded = fold_name(&line.name);
        let code = fold_code(&line.code);
        let free = |n: &usize| self.nodes[*n].taken_by != Some(unit);
        let named = self.by_name.get(&(parent, folded.clone()));
        if !code.is_empty()
            && let Some(n) = named.and_then(|c| c.iter().find(|n| free(n) && self.nodes[**n].code == code))
        {
            return Some((*n, MatchedBy::CodeAndName));
        }
        if let Some(n) = named.and_then(|c| c.iter().find(|n| free(n))) {
            return Some((*n, MatchedBy::Name));
        }
        if !code.is_empty()
            && let Some(n) = self
                .by_code
                .get(&(parent, code))
                .and_then(|c| c.iter().find(|n| free(n) && similar(&self.nodes[**n].folded, &folded)))
        {
            return Some((*n, MatchedBy::Code));
        }
        None
    }

    /// The nodes in outline order with their depth.
    pub fn order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<usize> = self.roots.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev().copied());
        }
        out
    }
}

/// A unit's lines with their keys, parents (indices) and whether each is a group.
pub(super) struct UnitLines {
    pub keys: Vec<String>,
    pub parent: Vec<Option<usize>>,
    pub is_group: Vec<bool>,
}

impl UnitLines {
    pub fn of(plan: &Plan) -> Self {
        let n = plan.lines.len();
        let mut keys = Vec::with_capacity(n);
        let mut parent = vec![None; n];
        let mut is_group = vec![false; n];
        let mut stack: Vec<usize> = Vec::new();
        for (i, line) in plan.lines.iter().enumerate() {
            while stack.last().is_some_and(|&s| plan.lines[s].depth >= line.depth) {
                stack.pop();
            }
            if let Some(&p) = stack.last() {
                parent[i] = Some(p);
                is_group[p] = true;
            }
            let path: Vec<&str> =
                stack.iter().map(|&s| plan.lines[s].name.as_str()).chain([line.name.as_str()]).collect();
            keys.push(line_key(&path));
            stack.push(i);
        }
        Self { keys, parent, is_group }
    }
}

/// The corrections that concern one unit line: kept apart, or joined with another unit's line.
pub(super) fn correction_for<'a>(
    corrections: &'a [Correction],
    unit: &str,
    key: &str,
) -> impl Iterator<Item = &'a Correction> + 'a {
    let (unit, key) = (unit.to_string(), key.to_string());
    corrections.iter().filter(move |c| match c {
        Correction::Apart { unit: u, key: k } => *u == unit && *k == key,
        Correction::Join { unit: u, key: k, with_unit, with_key } => {
            (*u == unit && *k == key) || (*with_unit == unit && *with_key == key)
        }
    })
}

/// Adds `amount` to a line's year, exactly.
pub(super) fn add_amount(amounts: &mut BTreeMap<Year, Decimal>, year: Year, amount: Decimal) {
    let cell = amounts.entry(year).or_insert(Decimal::ZERO);
    *cell = cell.saturating_add(amount);
}

/// How a group of sibling lines is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    /// 1, 2, 3
    Arabic,
    /// I, II, III
    Roman,
    /// a, b, c
    Letter,
    /// 1.1, 1.2 under "1"
    Dotted,
}

fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

impl Numbering {
    /// The numbering a code is written in: `None` for a code that is not a sequence number (an
    /// identity such as "DA1").
    fn of(code: &str) -> Option<Self> {
        let c = code.trim().trim_end_matches(['.', ')']);
        if c.is_empty() {
            return None;
        }
        if c.chars().all(|ch| ch.is_ascii_digit()) {
            Some(Self::Arabic)
        } else if c.contains('.') && c.split('.').all(|p| !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit())) {
            Some(Self::Dotted)
        } else if c.chars().all(|ch| "IVXLC".contains(ch)) {
            Some(Self::Roman)
        } else if c.len() == 1 && c.chars().all(|ch| ch.is_ascii_lowercase()) {
            Some(Self::Letter)
        } else {
            None
        }
    }

    /// The `k`th number (from 1) of this numbering under a parent numbered `parent`.
    fn nth(self, k: usize, parent: &str) -> Option<String> {
        match self {
            Self::Arabic => Some(k.to_string()),
            Self::Roman => Some(roman(k)),
            Self::Letter => (k <= 26).then(|| char::from(b'a' + (k - 1) as u8).to_string()),
            Self::Dotted => {
                let p = parent.trim().trim_end_matches(['.', ')']);
                Some(if p.is_empty() { k.to_string() } else { format!("{p}.{k}") })
            }
        }
    }
}

impl Outline {
    /// Numbers every group of sibling lines as its first numbered line does, where the units'
    /// numbers met do not already form that sequence ("1, 2, III, 3" from three units becomes
    /// "1, 2, 3, 4"); codes that are not sequence numbers are left as they are. Returns how many
    /// codes changed.
    pub fn renumber(&mut self) -> usize {
        let mut changed = 0;
        let groups: Vec<(Option<usize>, Vec<usize>)> = std::iter::once((None, self.roots.clone()))
            .chain(
                (0..self.nodes.len())
                    .filter(|&n| !self.nodes[n].children.is_empty())
                    .map(|n| (Some(n), self.nodes[n].children.clone())),
            )
            .collect();
        for (parent, siblings) in groups {
            let codes: Vec<String> = siblings.iter().map(|&n| self.nodes[n].line.code.trim().to_string()).collect();
            let Some(style) = codes.iter().find(|c| !c.is_empty()).and_then(|c| Numbering::of(c)) else { continue };
            if codes.iter().any(|c| !c.is_empty() && Numbering::of(c).is_none()) {
                continue;
            }
            let parent_code = parent.map(|p| self.nodes[p].line.code.clone()).unwrap_or_default();
            let wanted: Option<Vec<String>> = (1..=siblings.len()).map(|k| style.nth(k, &parent_code)).collect();
            let Some(wanted) = wanted else { continue };
            let fine = codes.iter().zip(&wanted).all(|(c, w)| c.trim_end_matches(['.', ')']) == w);
            if fine {
                continue;
            }
            for (&n, w) in siblings.iter().zip(wanted) {
                if self.nodes[n].line.code != w {
                    self.nodes[n].line.code = w;
                    changed += 1;
                }
            }
        }
        changed
    }
}
