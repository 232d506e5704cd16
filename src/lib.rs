//! matchslate: pair trade-summit sellers with buyers, review the pairings,
//! schedule one-to-one meetings and export the slate.
//!
//! Everything except terminal drawing lives in this library so it can be
//! tested without a terminal; `main.rs` only parses arguments and dispatches.

pub mod export;
pub mod generate;
pub mod load;
pub mod matching;
pub mod model;
pub mod schedule;
pub mod store;
pub mod summit;
pub mod taxonomy;
pub mod text;
pub mod tui;
pub mod wishes;
