//! The words of a change notice, in English and in Chinese. The Chinese is
//! written for this product (a trade summit's one-to-one meetings:
//! 洽谈), not translated word by word: dates as 2017年10月11日（星期三）,
//! tables as 5号桌.

use std::fmt::Write as _;

use jiff::civil::{Date, Weekday};

use super::{Notice, NoticeChange, NoticePlace, NoticeVersions, company, participant};
use crate::model::{Side, Summit};
use crate::text::clean;

/// The whole notice: Chinese then English for a buyer who reads Chinese,
/// English alone otherwise.
pub(super) fn notice_text(summit: &Summit, notice: &Notice, versions: NoticeVersions) -> String {
    let english = english(summit, notice, versions);
    if reads_chinese(summit, notice) {
        format!(
            "{}\n----------------------------------------\n\n{english}",
            chinese(summit, notice, versions)
        )
    } else {
        english
    }
}

/// Buyers whose languages include Chinese (`zh`, `zh-CN`, `zh-Hant`…).
fn reads_chinese(summit: &Summit, notice: &Notice) -> bool {
    notice.side == Side::Buyer
        && summit.buyers.get(notice.participant).is_some_and(|b| {
            b.languages.iter().any(|lang| {
                let lang = lang.trim().to_ascii_lowercase();
                lang == "zh" || lang.starts_with("zh-") || lang.starts_with("zh_")
            })
        })
}

/// "Columbia Ridge Orchards (S01)", one clean line.
fn name_en(summit: &Summit, side: Side, index: usize) -> String {
    let (_, id) = participant(summit, side, index);
    format!("{} ({})", clean(company(summit, side, index)), clean(id))
}

/// The Chinese company name when there is one, with full-width brackets.
fn name_zh(summit: &Summit, side: Side, index: usize) -> String {
    let (_, id) = participant(summit, side, index);
    let zh = match side {
        Side::Buyer => summit.buyers.get(index).map_or("", |b| b.company_zh.trim()),
        Side::Seller => "",
    };
    let name = if zh.is_empty() {
        company(summit, side, index)
    } else {
        zh
    };
    format!("{}（{}）", clean(name), clean(id))
}

fn place_en(p: NoticePlace) -> String {
    format!(
        "{}, {}–{}, table {}",
        p.date.strftime("%a %-d %b %Y"),
        p.start.strftime("%H:%M"),
        p.end.strftime("%H:%M"),
        u64::from(p.table) + 1
    )
}

fn date_zh(date: Date) -> String {
    let weekday = match date.weekday() {
        Weekday::Monday => "一",
        Weekday::Tuesday => "二",
        Weekday::Wednesday => "三",
        Weekday::Thursday => "四",
        Weekday::Friday => "五",
        Weekday::Saturday => "六",
        Weekday::Sunday => "日",
    };
    format!(
        "{}年{}月{}日（星期{weekday}）",
        date.year(),
        date.month(),
        date.day()
    )
}

fn place_zh(p: NoticePlace) -> String {
    format!(
        "{}{}–{}，{}号桌",
        date_zh(p.date),
        p.start.strftime("%H:%M"),
        p.end.strftime("%H:%M"),
        u64::from(p.table) + 1
    )
}

/// The notice's changes split into added, moved and cancelled.
fn sections(notice: &Notice) -> [Vec<(usize, NoticeChange)>; 3] {
    let mut out: [Vec<(usize, NoticeChange)>; 3] = Default::default();
    for &(other, change) in &notice.changes {
        let i = match change {
            NoticeChange::Added { .. } => 0,
            NoticeChange::Moved { .. } => 1,
            NoticeChange::Cancelled { .. } => 2,
        };
        out[i].push((other, change));
    }
    out
}

/// Appends the notice's changes under their titles (added, moved,
/// cancelled; empty sections left out), one "- " line per change worded by
/// `line` with the counterpart named by `name`: the one loop both languages
/// share.
fn write_sections(
    t: &mut String,
    summit: &Summit,
    notice: &Notice,
    titles: [&str; 3],
    name: fn(&Summit, Side, usize) -> String,
    line: impl Fn(&str, NoticeChange) -> String,
) {
    let other = notice.side.other();
    for (title, items) in titles.iter().zip(sections(notice)) {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(t);
        let _ = writeln!(t, "{title}");
        for (with, change) in items {
            let _ = writeln!(t, "- {}", line(&name(summit, other, with), change));
        }
    }
}

fn english(summit: &Summit, notice: &Notice, versions: NoticeVersions) -> String {
    let event = &summit.event;
    let mut t = String::new();
    let _ = writeln!(t, "{}: changes to your meetings", clean(&event.name));
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "To {},",
        name_en(summit, notice.side, notice.participant)
    );
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "Since the schedule you were sent (version {}), these meetings have changed. \
         The schedule is now version {}.",
        versions.since, versions.now
    );
    let titles = ["New meetings:", "Moved meetings:", "Cancelled meetings:"];
    write_sections(
        &mut t,
        summit,
        notice,
        titles,
        name_en,
        |who, change| match change {
            NoticeChange::Added { to } => format!("{}: with {who}", place_en(to)),
            NoticeChange::Moved { from, to } => {
                format!("with {who}: now {}; was {}", place_en(to), place_en(from))
            }
            NoticeChange::Cancelled { from } => format!("with {who}: was {}", place_en(from)),
        },
    );
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "Times are local time at {} ({}). Your other meetings are unchanged.",
        clean(&event.venue),
        event.timezone
    );
    t
}

fn chinese(summit: &Summit, notice: &Notice, versions: NoticeVersions) -> String {
    let event = &summit.event;
    let mut t = String::new();
    let _ = writeln!(t, "{}：您的洽谈安排有变动", clean(&event.name));
    let _ = writeln!(t);
    let _ = writeln!(t, "{}：", name_zh(summit, notice.side, notice.participant));
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "与此前发给您的日程（第{}版）相比，以下洽谈有所变动。最新日程为第{}版。",
        versions.since, versions.now
    );
    let titles = ["新增洽谈：", "时间或桌号调整：", "已取消的洽谈："];
    write_sections(
        &mut t,
        summit,
        notice,
        titles,
        name_zh,
        |who, change| match change {
            NoticeChange::Added { to } => format!("{}：与{who}洽谈", place_zh(to)),
            NoticeChange::Moved { from, to } => format!(
                "与{who}的洽谈：原定{}，现改为{}",
                place_zh(from),
                place_zh(to)
            ),
            NoticeChange::Cancelled { from } => {
                format!("与{who}的洽谈已取消，原定时间：{}", place_zh(from))
            }
        },
    );
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "以上均为{}当地时间（{}）。其余洽谈安排不变。",
        clean(&event.venue),
        event.timezone
    );
    t
}
