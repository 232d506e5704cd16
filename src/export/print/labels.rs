//! Every word the printed files show, in English and Simplified Chinese, in
//! one place so a Chinese-speaking reviewer can check them all at once.
//!
//! The Chinese is written for this product: a trade summit where American
//! sellers (供应商) meet Chinese buyers (采购商) one to one (洽谈). Sentences
//! with a value in them are functions at the end of the file, so their word
//! order can differ between the languages.

/// A text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub en: &'static str,
    pub zh: &'static str,
}

const fn l(en: &'static str, zh: &'static str) -> Label {
    Label { en, zh }
}

// Headings and page furniture.
pub const AGENDA: Label = l("Meeting agenda", "洽谈日程");
pub const SELLER: Label = l("Seller", "供应商");
pub const BUYER: Label = l("Buyer", "采购商");
pub const PARTICIPANT_ID: Label = l("Participant ID", "参会编号");
pub const VERSION: Label = l("Schedule version", "日程版本");
pub const EXPORTED: Label = l("Exported", "导出时间");

// The meeting table's columns.
pub const DAY: Label = l("Day", "日期");
pub const TIME: Label = l("Time", "时间");
pub const TABLE: Label = l("Table", "桌号");
pub const MEETING_WITH: Label = l("Meeting with", "洽谈对象");
pub const LOCATION: Label = l("Based in", "所在地");
pub const BUYER_TYPE: Label = l("Buyer type", "采购商类型");
pub const SELLS: Label = l("Sells", "供应产品");
pub const BUYS: Label = l("Looking for", "采购需求");
pub const INTERPRETER: Label = l("Interpreter needed", "需要翻译");
pub const INTERPRETER_SHORT: Label = l("Interpreter", "翻译");
pub const WHY: Label = l("Why you meet", "洽谈理由");
pub const MEETING_CODE: Label = l("Meeting code", "会议代码");
pub const NO_MEETINGS: Label = l(
    "You have no meetings scheduled. Please ask at the welcome desk.",
    "您目前没有安排洽谈。如有疑问，请到签到服务台咨询。",
);
pub const CODE_HINT: Label = l(
    "Give the meeting code to staff after the meeting to record how it went.",
    "洽谈结束后，请向工作人员出示会议代码，以便记录洽谈结果。",
);

// Staff sheets.
pub const DOOR_SHEET: Label = l("Table schedule", "桌位日程");
pub const SLOT: Label = l("Slot", "时段");
pub const FREE: Label = l("free", "空闲");
pub const INTERPRETERS_SHEET: Label = l("Interpreter run sheet", "翻译安排表");
pub const LANGUAGES: Label = l("Languages", "语言");
pub const NEEDED: Label = l("Interpreters needed", "所需翻译");
pub const OVER: Label = l("more than available", "超出可用人数");
pub const SCORE: Label = l("Score", "匹配分");
pub const NO_INTERPRETING: Label = l("No meeting needs an interpreter.", "没有需要翻译的洽谈。");
pub const CHECKIN: Label = l("Check-in list", "签到表");
pub const BY_LATIN: Label = l("By Latin name", "按英文名排序");
pub const BY_CHINESE: Label = l("By Chinese name", "按中文名排序");
pub const NAME: Label = l("Name", "名称");
pub const CHINESE_NAME: Label = l("Chinese name", "中文名称");
pub const FIRST_MEETING: Label = l("First meeting", "首场洽谈");
pub const ARRIVED: Label = l("Arrived", "已签到");
pub const NONE: Label = l("none", "无");

/// Chinese for the buyer types staff commonly enter; other types are shown
/// as written.
pub fn buyer_type_zh(buyer_type: &str) -> Option<&'static str> {
    const TYPES: &[(&str, &str)] = &[
        ("importer", "进口商"),
        ("distributor", "分销商"),
        ("wholesaler", "批发商"),
        ("retailer", "零售商"),
        ("online retailer", "线上零售商"),
        ("cross-border e-commerce", "跨境电商"),
        ("supermarket chain", "连锁超市"),
        ("hotel group", "酒店集团"),
        ("restaurant group", "餐饮集团"),
        ("food service", "餐饮服务商"),
        ("manufacturer", "生产商"),
        ("processor", "加工商"),
        ("agent", "代理商"),
    ];
    let wanted = buyer_type.trim().to_lowercase();
    TYPES
        .iter()
        .find(|(en, _)| *en == wanted)
        .map(|(_, zh)| *zh)
}

/// `Wed 11 Oct 2017` / `2017年10月11日（周三）`.
pub fn date(date: jiff::civil::Date) -> Label2 {
    const WEEKDAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let weekday = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
    Label2 {
        en: date.strftime("%a %-d %b %Y").to_string(),
        zh: format!(
            "{}年{}月{}日（{}）",
            date.year(),
            date.month(),
            date.day(),
            WEEKDAYS_ZH.get(weekday).copied().unwrap_or_default()
        ),
    }
}

/// `Wed 11 Oct` / `10月11日（周三）`, where the year is known.
pub fn short_date(date: jiff::civil::Date) -> Label2 {
    let full = self::date(date);
    Label2 {
        en: date.strftime("%a %-d %b").to_string(),
        zh: full
            .zh
            .split_once('年')
            .map_or(full.zh.clone(), |(_, rest)| rest.to_owned()),
    }
}

/// `Table 12` / `12号桌`.
pub fn table(number: u64) -> Label2 {
    Label2 {
        en: format!("Table {number}"),
        zh: format!("{number}号桌"),
    }
}

/// The version line: `Version 3, published` / `第3版，已发布`.
pub fn version(number: Option<u32>, published: bool) -> Label2 {
    let (en_state, zh_state) = if published {
        ("published", "已发布")
    } else {
        ("draft, not yet published", "草稿，尚未发布")
    };
    match number {
        Some(n) => Label2 {
            en: format!("Version {n}, {en_state}"),
            zh: format!("第{n}版，{zh_state}"),
        },
        None => Label2 {
            en: capitalise(en_state),
            zh: zh_state.to_owned(),
        },
    }
}

/// `3 of 6` / `需3人（共6人）`.
pub fn needed_of(needed: usize, available: u32) -> Label2 {
    Label2 {
        en: format!("{needed} of {available}"),
        zh: format!("需{needed}人（共{available}人）"),
    }
}

/// A sentence built from values, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Label2 {
    pub en: String,
    pub zh: String,
}

impl Label2 {
    /// A value with no translation, such as a city name as written.
    pub fn same(text: &str) -> Label2 {
        Label2 {
            en: text.to_owned(),
            zh: text.to_owned(),
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Why a pair meets, in the words of the participant reading it. `offer`
/// is what the seller supplies, `want` what the buyer asked for; either
/// side's Chinese falls back to its English.
pub mod why {
    use super::Label2;
    use crate::export::print::{PairReason, Term};

    /// The reason as the buyer reads it (`for_buyer`) or the seller.
    pub fn phrase(reason: &PairReason, for_buyer: bool) -> Label2 {
        match reason {
            PairReason::Category { offer, want } => category(offer, want, for_buyer),
            PairReason::HsCode { code, name } => hs_code(code, name.as_ref(), for_buyer),
            PairReason::Words { offer, want } => {
                let (theirs, yours) = if for_buyer {
                    (offer, want)
                } else {
                    (want, offer)
                };
                Label2 {
                    en: format!("Their “{theirs}” matches your “{yours}”."),
                    zh: format!("对方的“{theirs}”与您的“{yours}”相符。"),
                }
            }
            PairReason::Arranged => Label2 {
                en: "Arranged by the organisers.".to_owned(),
                zh: "由主办方安排。".to_owned(),
            },
        }
    }

    fn category(offer: &Term, want: &Term, for_buyer: bool) -> Label2 {
        let same = offer.en == want.en;
        let (o_en, o_zh, w_en, w_zh) = (&offer.en, offer.zh(), &want.en, want.zh());
        match (for_buyer, same) {
            (true, true) => Label2 {
                en: format!("They supply {o_en}, which you are looking for."),
                zh: format!("对方供应{o_zh}，正是您的采购需求。"),
            },
            (true, false) => Label2 {
                en: format!("They supply {o_en}, related to the {w_en} you are looking for."),
                zh: format!("对方供应{o_zh}，与您采购的{w_zh}相关。"),
            },
            (false, true) => Label2 {
                en: format!("They are looking for {w_en}, which you supply."),
                zh: format!("对方正在采购{w_zh}，正是您供应的产品。"),
            },
            (false, false) => Label2 {
                en: format!("They are looking for {w_en}, related to the {o_en} you supply."),
                zh: format!("对方正在采购{w_zh}，与您供应的{o_zh}相关。"),
            },
        }
    }

    fn hs_code(code: &str, name: Option<&Term>, for_buyer: bool) -> Label2 {
        let (en_name, zh_name) = match name {
            Some(term) => (format!(" ({})", term.en), format!("（{}）", term.zh())),
            None => (String::new(), String::new()),
        };
        if for_buyer {
            Label2 {
                en: format!("Their products fall under HS {code}{en_name}, which you buy."),
                zh: format!("对方产品属于海关编码{code}{zh_name}，在您的采购范围内。"),
            }
        } else {
            Label2 {
                en: format!("They buy under HS {code}{en_name}, which covers your products."),
                zh: format!("对方采购海关编码{code}{zh_name}项下的产品，涵盖您的产品。"),
            }
        }
    }
}
