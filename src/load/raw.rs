//! The input files' shapes, exactly as written by people. Times and dates
//! stay text here so that a bad one is reported with its place, not as a
//! bare parse failure; `validate` turns these into `model` values.

use serde::Deserialize;

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
pub struct RawAvailability {
    pub date: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a seller object")]
pub struct RawSeller {
    pub id: String,
    pub company: String,
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
    pub languages: Option<Vec<String>>,
    pub max_meetings: Option<u32>,
    #[serde(default)]
    pub available: Option<Vec<RawAvailability>>,
    #[serde(default)]
    pub wishes: Option<RawWishes>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a buyer object")]
pub struct RawBuyer {
    pub id: String,
    pub company: String,
    #[serde(default)]
    pub company_zh: String,
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
    pub languages: Option<Vec<String>>,
    pub max_meetings: Option<u32>,
    #[serde(default)]
    pub available: Option<Vec<RawAvailability>>,
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

/// Field names per file, for suggesting the intended field when an unknown
/// one (usually a typo) is found.
pub const EVENT_FIELDS: &[&str] = &[
    "name",
    "venue",
    "timezone",
    "days",
    "slot_minutes",
    "tables",
    "interpreters",
    "default_max_meetings",
    "max_wishes",
    "date",
    "start",
    "end",
    "breaks",
    "from",
    "to",
];
pub const SELLER_FIELDS: &[&str] = &[
    "id",
    "company",
    "state",
    "categories",
    "keywords",
    "hs_codes",
    "certifications",
    "languages",
    "max_meetings",
    "available",
    "wishes",
    "meet",
    "avoid",
    "date",
    "from",
    "to",
];
pub const BUYER_FIELDS: &[&str] = &[
    "id",
    "company",
    "company_zh",
    "city",
    "buyer_type",
    "interests",
    "hs_codes",
    "required_certifications",
    "languages",
    "max_meetings",
    "available",
    "wishes",
    "meet",
    "avoid",
    "date",
    "from",
    "to",
];
