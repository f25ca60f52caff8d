//! Reading a draft's lists and maps straight into the model with the checks a generic reader
//! skips: a map whose key repeats is refused (serde would keep the last value silently), and a
//! list longer than its limit stops being read at its limit (a small file of tiny items must not
//! allocate gigabytes before its length is checked).
//!
//! The draft reader ([`crate::io::json`]) takes this typed road first; when it fails, the slow
//! road names every problem by its JSON path.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::limits::{MAX_AGENCIES, MAX_LINES, MAX_LINKS, MAX_PHASES, MAX_REPORTS, MAX_SOURCES, MAX_TARGETS, MAX_TASKS};
use super::{Agency, BudgetLine, FundingSource, Phase, Report, Target, Task};

/// A map in which every key appears once.
pub fn unique_keys<'de, D, K, V>(d: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    struct Unique<K, V>(PhantomData<(K, V)>);
    impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for Unique<K, V> {
        type Value = BTreeMap<K, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object whose keys appear once")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = map.next_entry()? {
                if out.insert(k, v).is_some() {
                    return Err(de::Error::custom("a key written twice"));
                }
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(PhantomData))
}

/// A list of at most `max` items.
fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D, max: usize) -> Result<Vec<T>, D::Error> {
    struct Bounded<T>(usize, PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a list of at most {} items", self.0)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element()? {
                if out.len() == self.0 {
                    return Err(de::Error::custom("too many items"));
                }
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Bounded(max, PhantomData))
}

/// Budget lines, at most [`MAX_LINES`].
pub fn lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<BudgetLine>, D::Error> {
    list(d, MAX_LINES)
}

/// Phases, at most [`MAX_PHASES`].
pub fn phases<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Phase>, D::Error> {
    list(d, MAX_PHASES)
}

/// Funding sources, at most [`MAX_SOURCES`].
pub fn sources<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<FundingSource>, D::Error> {
    list(d, MAX_SOURCES)
}

/// Targets, at most [`MAX_TARGETS`].
pub fn targets<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Target>, D::Error> {
    list(d, MAX_TARGETS)
}

/// Tasks, at most [`MAX_TASKS`].
pub fn tasks<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Task>, D::Error> {
    list(d, MAX_TASKS)
}

/// Agencies, at most [`MAX_AGENCIES`].
pub fn agencies<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Agency>, D::Error> {
    list(d, MAX_AGENCIES)
}

/// Reporting calendar entries, at most [`MAX_REPORTS`].
pub fn reports<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Report>, D::Error> {
    list(d, MAX_REPORTS)
}

/// A task's or an agency's list of links, at most [`MAX_LINKS`].
pub fn links<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    list(d, MAX_LINKS)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize)]
    struct Amounts {
        #[serde(deserialize_with = "super::unique_keys")]
        amounts: BTreeMap<i32, i32>,
    }

    #[test]
    fn a_repeated_key_is_refused() {
        let read = serde_json::from_str::<Amounts>(r#"{"amounts": {"2021": 1, "2022": 2}}"#).expect("unique keys");
        assert_eq!(read.amounts.len(), 2);
        assert!(serde_json::from_str::<Amounts>(r#"{"amounts": {"2021": 1, "2021": 2}}"#).is_err());
    }

    #[test]
    fn a_list_stops_at_its_limit() {
        let read = |t: &str| super::list::<_, u8>(&mut serde_json::Deserializer::from_str(t), 3);
        assert_eq!(read("[1, 2, 3]").expect("at the limit"), vec![1, 2, 3]);
        assert!(read("[1, 2, 3, 4]").is_err_and(|e| e.to_string().contains("too many")));
    }
}
