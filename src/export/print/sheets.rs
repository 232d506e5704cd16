//! The staff sheets as plain data: door sheets per table and day, the
//! interpreters' run sheet and the check-in list. Staff read English first,
//! Chinese beside it.

use std::collections::BTreeMap;
use std::io::Write;

use super::PrintInput;
use super::agenda::{Bi, Lang, Model, slot_time};
use super::html::{self, Frame};
use super::labels::{self, Label2};
use crate::export::{ExportError, Row, format_score};
use crate::model::Side;

/// One table's day: every slot of the day, free or taken.
#[derive(Debug, Clone)]
pub struct DoorSheet {
    pub table: Bi,
    pub day: Bi,
    pub rows: Vec<DoorRow>,
}

#[derive(Debug, Clone)]
pub struct DoorRow {
    pub time: String,
    /// Slot number as staff count it (from 1, across days).
    pub slot: usize,
    pub meeting: Option<DoorMeeting>,
}

#[derive(Debug, Clone)]
pub struct DoorMeeting {
    pub seller: String,
    pub buyer: String,
    pub buyer_zh: String,
    pub interpreter: bool,
}

#[derive(Debug, Clone)]
pub struct InterpreterDay {
    pub day: Bi,
    pub slots: Vec<InterpreterSlot>,
}

#[derive(Debug, Clone)]
pub struct InterpreterSlot {
    pub time: String,
    pub slot: usize,
    pub count: Bi,
    /// More meetings need one than the event has interpreters.
    pub over: bool,
    pub rows: Vec<InterpreterRow>,
}

#[derive(Debug, Clone)]
pub struct InterpreterRow {
    pub table: u64,
    pub seller: String,
    pub seller_languages: String,
    pub buyer: String,
    pub buyer_zh: String,
    pub buyer_languages: String,
    pub score: String,
}

#[derive(Debug, Clone)]
pub struct CheckinRow {
    pub name: String,
    pub name_zh: String,
    pub role: Bi,
    pub id: String,
    /// Day, time and table of the first meeting, or "none".
    pub first: Bi,
}

pub struct Sheets<'i, 'a, 'm> {
    input: &'i PrintInput<'a>,
    rows: &'i [Row<'a>],
    model: &'m Model<'i, 'a>,
    frame: &'m Frame,
}

impl<'i, 'a, 'm> Sheets<'i, 'a, 'm> {
    pub fn new(
        input: &'i PrintInput<'a>,
        rows: &'i [Row<'a>],
        model: &'m Model<'i, 'a>,
        frame: &'m Frame,
    ) -> Self {
        Sheets {
            input,
            rows,
            model,
            frame,
        }
    }

    /// `tables.html`: a page per table and day that has a meeting.
    pub fn tables(&self, out: &mut dyn Write) -> Result<(), ExportError> {
        let summit = self.input.summit;
        let mut by_table_day: BTreeMap<(u32, usize), Vec<&Row<'a>>> = BTreeMap::new();
        for row in self.rows {
            let key = (row.meeting.table, row.slot.day);
            by_table_day.entry(key).or_default().push(row);
        }
        let mut sheets = Vec::with_capacity(by_table_day.len());
        for ((table, day), meetings) in by_table_day {
            let rows = summit
                .slots
                .iter()
                .filter(|slot| slot.day == day)
                .map(|slot| DoorRow {
                    time: slot_time(slot.start, slot.end),
                    slot: slot.index + 1,
                    meeting: meetings
                        .iter()
                        .find(|row| row.slot.index == slot.index)
                        .map(|row| DoorMeeting {
                            seller: row.seller.company.clone(),
                            buyer: row.buyer.company.clone(),
                            buyer_zh: row.buyer.company_zh.clone(),
                            interpreter: row.meeting.interpreter,
                        }),
                })
                .collect();
            let date = meetings.first().map(|row| row.slot.date);
            sheets.push(DoorSheet {
                table: both(&labels::table(u64::from(table) + 1)),
                day: date.map(|d| both(&labels::date(d))).unwrap_or_default(),
                rows,
            });
        }
        let body = html::TablesBody {
            event: &summit.event.name,
            sheets: &sheets,
        };
        (self.frame).write(out, |out| html::write("tables", &body, out))
    }

    /// `interpreters.html`: per day, the slots where a meeting needs an
    /// interpreter, with the count against the event's interpreters.
    pub fn interpreters(&self, out: &mut dyn Write) -> Result<(), ExportError> {
        let summit = self.input.summit;
        let available = summit.event.interpreters;
        let mut days: Vec<InterpreterDay> = Vec::new();
        for (day_index, day) in summit.event.days.iter().enumerate() {
            let mut slots: BTreeMap<usize, Vec<&Row<'a>>> = BTreeMap::new();
            for row in self.rows.iter().filter(|r| r.slot.day == day_index) {
                if row.meeting.interpreter {
                    slots.entry(row.slot.index).or_default().push(row);
                }
            }
            let slots = slots
                .into_values()
                .filter_map(|rows| {
                    let first = rows.first()?;
                    Some(InterpreterSlot {
                        time: slot_time(first.slot.start, first.slot.end),
                        slot: first.slot_number(),
                        count: both(&labels::needed_of(rows.len(), available)),
                        over: rows.len() > available as usize,
                        rows: rows.iter().map(|row| interpreter_row(row)).collect(),
                    })
                })
                .collect();
            days.push(InterpreterDay {
                day: both(&labels::date(day.date)),
                slots,
            });
        }
        let body = html::InterpretersBody {
            event: &summit.event.name,
            days: &days,
        };
        (self.frame).write(out, |out| html::write("interpreters", &body, out))
    }

    /// `checkin.html`: every participant by Latin name, then those with a
    /// Chinese name by that name. Only the order is held; each row is made
    /// as it is written.
    pub fn checkin(&self, out: &mut dyn Write) -> Result<(), ExportError> {
        let summit = self.input.summit;
        let sellers = summit.sellers.len();
        // (side, index, name, Chinese name, id) of participant `at`,
        // counted sellers first, then buyers.
        let who = |at: u32| {
            let at = at as usize;
            match at.checked_sub(sellers) {
                None => (summit.sellers.get(at)).map(|s| (Side::Seller, at, &s.company, "", &s.id)),
                Some(i) => (summit.buyers.get(i))
                    .map(|b| (Side::Buyer, i, &b.company, b.company_zh.as_str(), &b.id)),
            }
        };
        let everyone = u32::try_from(sellers + summit.buyers.len()).map_err(|_| {
            ExportError::Inconsistent("more participants than a check-in list can hold".into())
        })?;
        let mut by_latin: Vec<u32> = (0..everyone).collect();
        by_latin
            .sort_by_cached_key(|&at| who(at).map(|(_, _, name, _, id)| (name.to_lowercase(), id)));
        // Chinese names in code-point order, which for CJK ideographs is the
        // dictionaries' radical-and-stroke order.
        let mut by_chinese: Vec<u32> = (0..everyone)
            .filter(|&at| who(at).is_some_and(|(_, _, _, zh, _)| !zh.trim().is_empty()))
            .collect();
        by_chinese.sort_by_key(|&at| who(at).map(|(_, _, _, zh, id)| (zh, id)));
        let make = |at: u32| match who(at) {
            Some((side, i, name, zh, id)) => self.checkin_row(side, i, name, zh, id),
            None => self.checkin_row(Side::Seller, usize::MAX, "", "", ""),
        };
        let event = &summit.event.name;
        (self.frame).write(out, |out| {
            html::write_checkin(out, event, &by_latin, &by_chinese, &make)
        })
    }

    fn checkin_row(&self, side: Side, index: usize, name: &str, zh: &str, id: &str) -> CheckinRow {
        let by = match side {
            Side::Seller => &self.model.by_seller,
            Side::Buyer => &self.model.by_buyer,
        };
        let first = by
            .get(index)
            .and_then(|rows| rows.first())
            .and_then(|&i| self.rows.get(i));
        let first = match first {
            Some(row) => {
                let date = labels::short_date(row.slot.date);
                let table = labels::table(row.table_number());
                let start = row.slot.start.strftime("%H:%M");
                both(&Label2 {
                    en: format!("{} {start}, {}", date.en, table.en),
                    zh: format!("{} {start}，{}", date.zh, table.zh),
                })
            }
            None => Bi::en_first(labels::NONE),
        };
        CheckinRow {
            name: name.to_owned(),
            name_zh: zh.to_owned(),
            role: Bi::en_first(match side {
                Side::Seller => labels::SELLER,
                Side::Buyer => labels::BUYER,
            }),
            id: id.to_owned(),
            first,
        }
    }
}

fn interpreter_row(row: &Row<'_>) -> InterpreterRow {
    InterpreterRow {
        table: row.table_number(),
        seller: row.seller.company.clone(),
        seller_languages: row.seller.languages.join(", "),
        buyer: row.buyer.company.clone(),
        buyer_zh: row.buyer.company_zh.clone(),
        buyer_languages: row.buyer.languages.join(", "),
        score: format_score(row.meeting.score),
    }
}

/// Staff content: English first, Chinese beside it.
fn both(text: &Label2) -> Bi {
    Lang { zh_first: false }.pair(&text.en, &text.zh)
}
