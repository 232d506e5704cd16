//! The input files' shapes, exactly as written by people. Times and dates
//! stay text here so that a bad one is reported with its place, not as a
//! bare parse failure; `validate` turns these into `model` values.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer};

/// A string field borrowed from the file's text when it has no escapes
/// (most have none), so reading it copies nothing: for fields that are
/// checked and then dropped or rewritten (ids, names, languages, times).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text<'de>;
            // As `String` says it, so type errors read the same.
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "an event object")]
pub struct RawEvent {
    pub name: String,
    #[serde(default)]
    pub venue: String,
    pub timezone: String,
    pub days: Vec<RawDay>,
    pub slot_minutes: u32,
    pub tables: u32,
    #[serde(default)]
    pub interpreters: u32,
    #[serde(default = "default_max_meetings")]
    pub default_max_meetings: u32,
    /// The longest `meet` list honoured; see `load::wishes`.
    pub max_wishes: Option<u32>,
}

fn default_max_meetings() -> u32 {
    8
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a day object")]
pub struct RawDay {
    pub date: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub breaks: Vec<RawBreak>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a break object")]
pub struct RawBreak {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "an availability object")]
pub struct RawAvailability<'a> {
    #[serde(borrow)]
    pub date: Text<'a>,
    #[serde(borrow)]
    pub from: Text<'a>,
    #[serde(borrow)]
    pub to: Text<'a>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a seller object")]
pub struct RawSeller<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub company: Text<'a>,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub hs_codes: Vec<String>,
    #[serde(default)]
    pub certifications: Vec<String>,
    #[serde(borrow)]
    pub languages: Option<Vec<Text<'a>>>,
    pub max_meetings: Option<u32>,
    #[serde(default, borrow)]
    pub available: Option<Vec<RawAvailability<'a>>>,
    #[serde(default)]
    pub wishes: Option<RawWishes>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a buyer object")]
pub struct RawBuyer<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub company: Text<'a>,
    #[serde(default, borrow)]
    pub company_zh: Text<'a>,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub buyer_type: String,
    #[serde(default)]
    pub interests: Vec<String>,
    #[serde(default)]
    pub hs_codes: Vec<String>,
    #[serde(default)]
    pub required_certifications: Vec<String>,
    #[serde(borrow)]
    pub languages: Option<Vec<Text<'a>>>,
    pub max_meetings: Option<u32>,
    #[serde(default, borrow)]
    pub available: Option<Vec<RawAvailability<'a>>>,
    #[serde(default)]
    pub wishes: Option<RawWishes>,
}

/// `"wishes": { "meet": [...], "avoid": [...] }` on a seller or buyer.
#[derive(Debug, Default, Deserialize)]
#[serde(expecting = "a wishes object like {\"meet\": [...], \"avoid\": [...]}")]
pub struct RawWishes {
    #[serde(default)]
    pub meet: Vec<String>,
    #[serde(default)]
    pub avoid: Vec<String>,
}
