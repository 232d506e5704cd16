//! How alike two texts are, in the ways the mapper ([`super::mapper`])
//! trusts: a slipped letter in a word, an abbreviation, a name inside a
//! longer phrase, Chinese characters in common; and the cheap tests that
//! rule a pair out before any edit distance is measured.

use super::normalize::is_cjk;

/// The Han characters of a text in simplified form, without anything else.
pub(crate) fn simplified_han(text: &str) -> String {
    fast2s::convert(text)
        .chars()
        .filter(|c| is_cjk(*c))
        .collect()
}

/// Whether two strings can reach a normalised edit similarity of 0.8:
/// the length difference alone costs that many edits. Checking this first
/// skips most of the edit-distance work when mapping thousands of terms.
///
/// Words must also begin with the same letter: people misspell the middle
/// and end of a word ("pistacio", "ginsing", "chedder") far more often than
/// its first letter, and this halves the candidates worth measuring.
pub(super) fn may_be_close(a: &str, b: &str) -> bool {
    if a.chars().next() != b.chars().next() {
        return false;
    }
    let (la, lb) = if a.is_ascii() && b.is_ascii() {
        (a.len(), b.len())
    } else {
        (a.chars().count(), b.chars().count())
    };
    la.abs_diff(lb) * 5 <= la.max(lb)
}

/// Whether `typed` is `word` with one slip: two neighbouring letters
/// swapped, one letter doubled or one dropped. Substitutions are not slips
/// ("chain" is not "chair"), and words under 5 letters are left alone.
pub(crate) fn one_slip(typed: &str, word: &str) -> bool {
    let (t, w): (Vec<char>, Vec<char>) = (typed.chars().collect(), word.chars().collect());
    if w.len() < 5 || t == w || t.first() != w.first() {
        return false;
    }
    let without = |long: &[char], short: &[char]| {
        (0..long.len()).any(|i| long[..i] == short[..i] && long[i + 1..] == short[i..])
    };
    match t.len() as isize - w.len() as isize {
        0 => (0..t.len() - 1).any(|i| {
            t[i] == w[i + 1] && t[i + 1] == w[i] && t[..i] == w[..i] && t[i + 2..] == w[i + 2..]
        }),
        1 => without(&t, &w),
        -1 => without(&w, &t),
        _ => false,
    }
}

/// Every word of a name found in the term, exactly or with one slip, at
/// least one with a slip; returns the share of the term's words covered.
/// A plural ending is tried off too ("walntus" → "walntu" ≈ "walnut").
pub(super) fn slipped_run(term: &[String], alias: &[String]) -> Option<f32> {
    let mut slipped = false;
    for a in alias {
        let found = term.iter().any(|t| {
            if t == a {
                return true;
            }
            let bare = t.strip_suffix('s').unwrap_or(t);
            let slip = one_slip(t, a) || one_slip(bare, a);
            slipped |= slip;
            slip
        });
        if !found {
            return None;
        }
    }
    slipped.then(|| (alias.len() as f32 / term.len().max(1) as f32).min(1.0))
}

/// "cab sauv" abbreviates "cabernet sauvignon"; "live" does not abbreviate
/// "live lobster" (a word of the name is missing) and "ca" is too short.
pub(super) fn is_abbreviation(term: &[String], alias: &[String]) -> bool {
    let letters: usize = term.iter().map(|t| t.len()).sum();
    term.len() == alias.len()
        && letters >= 4
        && term
            .iter()
            .zip(alias)
            .all(|(t, a)| t.len() >= 2 && t.len() < a.len() && a.starts_with(t))
}

pub(super) fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    needle.len() <= haystack.len() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Similarity of two strings of Chinese characters: containment first (a
/// buyer writes 美国车厘子 for 车厘子), then Dice overlap of character pairs.
pub(super) fn chinese_similarity(term: &str, alias: &str) -> f32 {
    if term.is_empty() || alias.is_empty() {
        return 0.0;
    }
    if term == alias {
        return 1.0;
    }
    let alias_len = alias.chars().count();
    let term_len = term.chars().count();
    if alias_len >= 2 && term.contains(alias) {
        // The more of the term the name covers, the surer the match.
        return 0.85 + 0.1 * (alias_len as f32 / term_len as f32);
    }
    if term_len >= 2 && alias.contains(term) {
        // 车厘子 inside 车厘子干 (dried cherries) is a weaker sign than the
        // other way round: the name adds a word the buyer did not write.
        return 0.6 + 0.2 * (term_len as f32 / alias_len as f32);
    }
    let pairs = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, b) = (pairs(term), pairs(alias));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|p| b.contains(p)).count();
    let dice = 2.0 * shared as f32 / (a.len() + b.len()) as f32;
    0.8 * dice
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::mapper::{MIN_SIMILARITY, words_of};

    fn w(text: &str) -> Vec<String> {
        words_of(text)
    }

    #[test]
    fn chinese_containment_beats_overlap() {
        assert_eq!(chinese_similarity("车厘子", "车厘子"), 1.0);
        assert!(chinese_similarity("美国车厘子", "车厘子") > 0.9);
        assert!(chinese_similarity("樱桃", "车厘子") < MIN_SIMILARITY);
        assert!(chinese_similarity("进口红酒", "红酒") > 0.85);
    }

    #[test]
    fn abbreviations_need_every_word() {
        assert!(is_abbreviation(&w("cab sauv"), &w("cabernet sauvignon")));
        assert!(is_abbreviation(&w("pist"), &w("pistachio")));
        assert!(!is_abbreviation(&w("live"), &w("live lobster")));
        assert!(!is_abbreviation(&w("inshell"), &w("in shell pistachio")));
        assert!(!is_abbreviation(&w("ca"), &w("cabernet")));
    }

    #[test]
    fn one_slip_is_a_swap_a_doubled_or_a_dropped_letter() {
        assert!(one_slip("walntu", "walnut"));
        assert!(one_slip("vitamni", "vitamin"));
        assert!(one_slip("appel", "apple"));
        assert!(one_slip("almmond", "almond"));
        assert!(one_slip("pistchio", "pistachio"));
        assert!(!one_slip("chain", "chair"), "a substitution is not a slip");
        assert!(!one_slip("pear", "peas"), "short words are left alone");
        assert!(!one_slip("walnut", "walnut"));
        assert_eq!(slipped_run(&w("fresh appel"), &w("apple")), Some(0.5));
        assert_eq!(slipped_run(&w("walntus"), &w("walnut")), Some(1.0));
        assert_eq!(slipped_run(&w("cold chain"), &w("chair")), None);
    }

    #[test]
    fn phrases_contain_names_as_whole_words_only() {
        assert!(contains_run(&w("fresh cherry"), &w("cherry")));
        assert!(!contains_run(&w("cherry tomato"), &w("tomato cherry")));
    }
}
