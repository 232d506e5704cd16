//! A small hand-built summit and slate shared by the `export_*` tests
//! (included with `#[path]`; under tests/common/ so it is not a test crate of
//! its own).
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

use jiff::civil::{Date, Time, date, time};
use matchslate::model::{
    Buyer, Event, EventDay, Meeting, MeetingStatus, Seller, Slate, Slot, Summit,
};

pub const SLOT_MINUTES: i8 = 30;

/// Two days of three 30-minute slots from 09:00, in Los Angeles.
pub fn summit() -> Summit {
    summit_in("America/Los_Angeles", date(2017, 10, 11))
}

/// The same summit in another zone, starting on `first_day`.
pub fn summit_in(timezone: &str, first_day: Date) -> Summit {
    let second_day = first_day.tomorrow().expect("a date far from year 9999");
    let days = [first_day, second_day];
    let mut slots = Vec::new();
    for (day, &date) in days.iter().enumerate() {
        for n in 0..3 {
            let start = time(9, 0, 0, 0) + jiff::SignedDuration::from_mins(30 * n);
            let end = start + jiff::SignedDuration::from_mins(30);
            slots.push(Slot {
                index: slots.len(),
                day,
                date,
                start,
                end,
            });
        }
    }
    Summit {
        event: Event {
            name: "Pacific Agri-Food Trade Summit".into(),
            venue: "Seattle Convention Center".into(),
            timezone: timezone.into(),
            days: days
                .iter()
                .map(|&date| EventDay {
                    date,
                    start: time(9, 0, 0, 0),
                    end: time(10, 30, 0, 0),
                    breaks: vec![],
                })
                .collect(),
            slot_minutes: 30,
            tables: 20,
            interpreters: 2,
            default_max_meetings: 6,
        },
        slots,
        sellers: vec![
            seller("S01", "Columbia Ridge Orchards"),
            seller("S02", "=HYPERLINK(\"http://evil.example\",\"click\")"),
            seller("S03", "Idle Valley Farms"),
        ],
        buyers: vec![
            buyer("B01", "Shanghai Fresh Link Trading", "上海鲜链贸易有限公司"),
            buyer(
                "B02",
                "Guangzhou \"Golden\" Foods, Ltd.\nImport Dept",
                "广州金色食品有限公司",
            ),
            buyer("B03", "Chengdu Quiet Imports", "成都静进口有限公司"),
        ],
    }
}

pub fn seller(id: &str, company: &str) -> Seller {
    Seller {
        id: id.into(),
        company: company.into(),
        ..Seller::default()
    }
}

pub fn buyer(id: &str, company: &str, company_zh: &str) -> Buyer {
    Buyer {
        id: id.into(),
        company: company.into(),
        company_zh: company_zh.into(),
        ..Buyer::default()
    }
}

pub fn meeting(
    seller: usize,
    buyer: usize,
    slot: usize,
    table: u32,
    score: f64,
    status: MeetingStatus,
) -> Meeting {
    Meeting {
        seller,
        buyer,
        slot,
        table,
        score,
        interpreter: status == MeetingStatus::Proposed,
        status,
    }
}

/// Four meetings, deliberately out of order. S03 and B03 have none.
pub fn slate() -> Slate {
    let meetings = vec![
        meeting(0, 1, 3, 0, 60.5, MeetingStatus::Locked),
        meeting(0, 0, 1, 11, 85.0, MeetingStatus::Proposed),
        meeting(1, 0, 0, 3, 72.26, MeetingStatus::Accepted),
        meeting(1, 1, 1, 2, 90.0, MeetingStatus::Proposed),
    ];
    let total_score = meetings.iter().map(|m| m.score).sum();
    Slate {
        meetings,
        total_score,
        upper_bound: 400.0,
        unscheduled: vec![],
    }
}

pub fn at(hour: i8, minute: i8) -> Time {
    time(hour, minute, 0, 0)
}
