//! Short company names for the slate grid's narrow cells. A company's
//! short name starts at its first distinctive word: words most companies
//! on the same side share (a city such as "Shanghai", "Trading", "Co.")
//! are skipped, so "Shanghai Fresh Link Trading" is "Fresh Link", not one
//! of forty "Shanghai"s. Which words are common is read from the summit
//! itself, never from a fixed list of cities.

use std::collections::HashMap;

/// Legal forms that never tell companies apart.
const LEGAL: &[&str] = &[
    "co", "co.", "ltd", "ltd.", "inc", "inc.", "llc", "corp", "corp.", "company", "limited",
    "gmbh", "plc", "&", "and", "the",
];

/// A word shared by more companies than this share of the side (and by
/// at least three) is common.
const COMMON_SHARE: f64 = 0.01;

/// Both sides' short names, by participant index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShortNames {
    pub sellers: Vec<String>,
    pub buyers: Vec<String>,
}

impl ShortNames {
    pub fn of(summit: &crate::model::Summit) -> ShortNames {
        ShortNames {
            sellers: short_names(summit.sellers.iter().map(|s| s.company.as_str())),
            buyers: short_names(summit.buyers.iter().map(|b| b.company.as_str())),
        }
    }
}

fn key(word: &str) -> String {
    word.to_lowercase()
}

/// Short names for one side's companies, in their order.
pub fn short_names<'a>(companies: impl Iterator<Item = &'a str> + Clone) -> Vec<String> {
    let mut count: HashMap<String, usize> = HashMap::new();
    let mut total = 0usize;
    for company in companies.clone() {
        total += 1;
        let mut seen: Vec<String> = Vec::new();
        for word in company.split_whitespace() {
            let k = key(word);
            if !seen.contains(&k) {
                *count.entry(k.clone()).or_default() += 1;
                seen.push(k);
            }
        }
    }
    let common = ((total as f64 * COMMON_SHARE).ceil() as usize).max(3);
    companies
        .map(|company| {
            let words: Vec<&str> = (company.split_whitespace())
                .filter(|w| !LEGAL.contains(&key(w).as_str()))
                .collect();
            let rare = |w: &&str| count.get(&key(w)).copied().unwrap_or(0) < common;
            let start = words.iter().position(rare).unwrap_or(0);
            let name = words.get(start..).unwrap_or(&[]).join(" ");
            if name.is_empty() {
                company.to_string()
            } else {
                name
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_city_or_trade_word_is_skipped() {
        let mut companies = vec!["Shanghai Fresh Link Trading", "Kowloon Direct Ltd"];
        let more: Vec<String> = (0..5)
            .map(|i| format!("Shanghai Firm{i} Trading"))
            .collect();
        companies.extend(more.iter().map(String::as_str));
        let names = short_names(companies.iter().copied());
        assert_eq!(names[0], "Fresh Link Trading");
        assert_eq!(names[1], "Kowloon Direct");
        assert_eq!(names[2], "Firm0 Trading");
    }

    #[test]
    fn a_name_of_common_words_only_starts_at_its_first_word() {
        let companies = ["Big Co.", "Big Co.", "Big Co."];
        let names = short_names(companies.iter().copied());
        assert_eq!(names[0], "Big");
    }
}
