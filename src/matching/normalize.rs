//! Text normalisation shared by every comparison: Unicode NFKC (full-width
//! letters and digits become ASCII), case folding, punctuation to spaces,
//! and a light English singular form per token.

use unicode_normalization::UnicodeNormalization;

/// True for the CJK ideographs Chinese names are written in.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2A6DF}')
}

pub fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

/// Singular form of one lower-case English token, by the regular rules
/// only: "cherries" → "cherry", "peaches" → "peach", "nuts" → "nut".
/// Words ending in "ss" or "us" and short words are left alone.
pub fn singular(token: &str) -> String {
    let n = token.len();
    if n <= 3 || !token.is_ascii() {
        return token.to_string();
    }
    if let Some(stem) = token.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["ches", "shes", "sses", "xes", "oes"] {
        if token.ends_with(ending) {
            return token[..n - 2].to_string();
        }
    }
    if token.ends_with('s')
        && !token.ends_with("ss")
        && !token.ends_with("us")
        && !token.ends_with("is")
    {
        return token[..n - 1].to_string();
    }
    token.to_string()
}

/// Normalised tokens: NFKC, lower case, split on anything that is neither a
/// letter nor a digit, English tokens made singular. CJK runs stay whole.
pub fn tokens(text: &str) -> Vec<String> {
    let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
    folded
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(singular)
        .collect()
}

/// The normalised form of a whole phrase: its tokens joined by one space.
pub fn normalize(text: &str) -> String {
    tokens(text).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_become_singular() {
        assert_eq!(normalize("Fresh Cherries"), "fresh cherry");
        assert_eq!(normalize("cherrys"), "cherry");
        assert_eq!(normalize("peaches"), "peach");
        assert_eq!(normalize("Pistachio nuts"), "pistachio nut");
        assert_eq!(normalize("asparagus"), "asparagus");
        assert_eq!(normalize("glass"), "glass");
        assert_eq!(normalize("tomatoes"), "tomato");
    }

    #[test]
    fn punctuation_width_and_case_are_folded() {
        assert_eq!(normalize("Omega-3 Fish Oil"), "omega 3 fish oil");
        assert_eq!(normalize("ＷＩＮＥ（红酒）"), "wine 红酒");
        assert_eq!(normalize("  grass-fed   BEEF "), "grass fed beef");
    }
}
