//! The two broad layers under the curated taxonomy, built once per
//! process from files bundled in `data/lexicon/`: the HS nomenclature
//! (PDDL) and a goods subset of the CC-CEDICT dictionary (CC BY-SA 4.0),
//! with jieba (MIT) to split long Chinese phrases into words.

pub mod dictionary;
pub mod hs;

use std::sync::LazyLock;

use jieba_rs::Jieba;

pub use dictionary::Dictionary;
pub use hs::{HsMatch, HsNomenclature};

const HS_CSV: &str = include_str!("../../../data/lexicon/hs-nomenclature.csv");
const CEDICT_GOODS: &str = include_str!("../../../data/lexicon/cedict-goods.txt");

pub struct Lexicon {
    pub hs: HsNomenclature,
    pub dictionary: Dictionary,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    hs: HsNomenclature::parse(HS_CSV),
    dictionary: Dictionary::parse(CEDICT_GOODS),
});

/// jieba's own dictionary, plus every goods headword so that a name of a
/// good is kept whole ("小龙虾", not "小" + "龙虾").
static SEGMENTER: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for word in LEXICON.dictionary.headwords() {
        jieba.add_word(word, Some(20_000), None);
    }
    jieba
});

/// The bundled broad layers (built on first use, then shared).
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// The words of a Chinese phrase, in order.
pub fn segment(chinese: &str) -> Vec<String> {
    SEGMENTER
        .cut(chinese, true)
        .into_iter()
        .map(|t| t.word.to_string())
        .filter(|w| !w.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hs_descriptions_name_goods_the_taxonomy_may_not() {
        let hs = &lexicon().hs;
        assert!(hs.len() > 6000);
        let codes = |t: &str| -> Vec<String> { hs.lookup(t).into_iter().map(|m| m.code).collect() };
        assert!(
            codes("handbags").iter().all(|c| c.starts_with("4202")),
            "{:?}",
            codes("handbags")
        );
        assert!(
            codes("leather").iter().any(|c| c.starts_with("41")),
            "{:?}",
            codes("leather")
        );
        assert!(
            codes("whiskies").iter().any(|c| c == "220830"),
            "{:?}",
            codes("whiskies")
        );
        assert!(codes("premium").is_empty());
        assert!(codes("zorblex gizmos").is_empty());
        // The head word decides: flux capacitors are capacitors.
        assert!(
            codes("flux capacitors")
                .iter()
                .all(|c| c.starts_with("8532"))
        );
        assert_eq!(hs.describe("220830"), Some("Whiskies"));
    }

    #[test]
    fn long_phrases_split_into_words_with_goods_kept_whole() {
        let words = segment("美国加州有机红酒进口");
        assert!(words.contains(&"红酒".to_string()), "{words:?}");
        let words = segment("进口小龙虾");
        assert!(words.contains(&"小龙虾".to_string()), "{words:?}");
    }
}
