//! The dictionary layer: CC-CEDICT entries whose glosses name goods
//! (`data/lexicon/cedict-goods.txt`, CC BY-SA 4.0, see its notice), by
//! simplified headword, and jieba word segmentation for long phrases.

use std::collections::HashMap;

/// Glosses per simplified headword, in dictionary order (first sense first).
pub struct Dictionary {
    glosses: HashMap<String, Vec<String>>,
}

impl Dictionary {
    /// Reads CC-CEDICT lines: `TRAD SIMP [pin1 yin1] /gloss 1/gloss 2/`.
    pub fn parse(text: &str) -> Dictionary {
        let mut glosses: HashMap<String, Vec<String>> = HashMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.splitn(3, ' ');
            let (Some(_), Some(simplified), Some(rest)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Some((_, senses)) = rest.split_once('/') else {
                continue;
            };
            let list = glosses.entry(simplified.to_string()).or_default();
            list.extend(senses.split('/').filter_map(clean_gloss));
        }
        Dictionary { glosses }
    }

    pub fn len(&self) -> usize {
        self.glosses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.glosses.is_empty()
    }

    pub fn glosses(&self, simplified: &str) -> Option<&[String]> {
        self.glosses.get(simplified).map(Vec::as_slice)
    }

    pub fn headwords(&self) -> impl Iterator<Item = &str> {
        self.glosses.keys().map(String::as_str)
    }
}

/// A gloss as a name of a good: without notes in brackets, measure words
/// (`CL:…`) or cross-references; split at `;` into its alternatives.
fn clean_gloss(sense: &str) -> Option<String> {
    let sense = sense.trim();
    // Verbs ("to import") and cross-references name no good.
    let skip = [
        "CL:",
        "see ",
        "variant of",
        "old variant",
        "abbr.",
        "surname",
        "used in",
        "lit.",
        "to ",
    ];
    if sense.is_empty() || skip.iter().any(|s| sense.starts_with(s)) {
        return None;
    }
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in sense.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    // "sports shoes; sneakers": the first alternative is the headword sense.
    let first = plain.split(';').next().unwrap_or("").trim();
    let words = first.split_whitespace().count();
    (1..=4).contains(&words).then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_lose_notes_and_measure_words() {
        let d = Dictionary::parse(
            "# comment\n皮革 皮革 [pi2 ge2] /leather/CL:張|张[zhang1]/\n\
             小龍蝦 小龙虾 [xiao3 long2 xia1] /crayfish/(esp.) red swamp crayfish/\n\
             運動鞋 运动鞋 [yun4 dong4 xie2] /sports shoes; sneakers/\n",
        );
        assert_eq!(d.glosses("皮革").unwrap(), ["leather"]);
        assert_eq!(
            d.glosses("小龙虾").unwrap(),
            ["crayfish", "red swamp crayfish"]
        );
        assert_eq!(d.glosses("运动鞋").unwrap(), ["sports shoes"]);
        assert!(d.glosses("皮革包").is_none());
    }
}
