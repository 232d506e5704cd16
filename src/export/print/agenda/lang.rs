//! The reader's languages: a label or a text in both languages, the
//! reader's first (Chinese first for anyone who reads `zh`).

use super::super::labels::{Label, Label2};

/// A text in the page's order: the reader's language first. `second` is
/// empty when there is nothing to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bi {
    pub first: String,
    pub second: String,
}

impl Bi {
    /// A staff sheet's label: English first, Chinese beside it.
    pub fn en_first(label: impl std::borrow::Borrow<Label>) -> Bi {
        Lang { zh_first: false }.label(*label.borrow())
    }
}

/// The reader's languages: Chinese first for anyone who reads `zh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang {
    pub zh_first: bool,
}

impl Lang {
    pub fn of(languages: &[String]) -> Lang {
        let zh = languages.iter().any(|l| {
            let l = l.trim().to_ascii_lowercase();
            l == "zh" || l.starts_with("zh-") || l.starts_with("zh_")
        });
        Lang { zh_first: zh }
    }

    /// A label: always in both languages, the reader's first.
    pub fn label(self, label: Label) -> Bi {
        self.pair(label.en, label.zh)
    }

    /// Content: in both languages for Chinese readers (Chinese first), in
    /// English alone for the others.
    pub fn text(self, text: &Label2) -> Bi {
        if self.zh_first {
            self.pair(&text.en, &text.zh)
        } else {
            Bi {
                first: text.en.clone(),
                second: String::new(),
            }
        }
    }

    /// `en` and `zh` in the reader's order.
    pub fn pair(self, en: &str, zh: &str) -> Bi {
        let (first, second) = if self.zh_first { (zh, en) } else { (en, zh) };
        Bi {
            first: first.to_owned(),
            // Identical texts (a name with no translation) print once.
            second: if first == second {
                String::new()
            } else {
                second.to_owned()
            },
        }
    }
}
