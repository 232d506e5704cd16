//! One seller's and one buyer's printed page, as HTML snapshots, and the
//! escaping of every value, on the small hand-built summit of the export
//! tests (no scheduler run, so the pages are stable).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/export_fixture.rs"]
mod fixture;

use std::collections::HashMap;

use matchslate::export::print::{
    NO_MEETING_PAGES, PairReason, PrintInput, Term, VersionStamp, agenda_html, meeting_code,
    render_files,
};
use matchslate::model::{Side, Slate, Summit};

fn stamp() -> VersionStamp {
    VersionStamp {
        number: Some(2),
        published: true,
        exported_at: "2017-10-09T17:30:00Z".parse().unwrap(),
    }
}

/// The fixture with languages, places and trades filled in: B01 reads
/// Chinese, S01 English.
fn summit() -> Summit {
    let mut summit = fixture::summit();
    for seller in &mut summit.sellers {
        seller.languages = vec!["en".into()];
        seller.state = "WA".into();
        seller.categories = vec!["fresh cherries".into()];
    }
    for buyer in &mut summit.buyers {
        buyer.languages = vec!["zh".into()];
        buyer.city = "Shanghai".into();
        buyer.buyer_type = "importer".into();
        buyer.interests = vec!["车厘子".into()];
    }
    summit.buyers[2].languages = vec!["en".into(), "zh".into()];
    summit
}

fn input<'a>(summit: &'a Summit, slate: &'a Slate) -> PrintInput<'a> {
    let cherries = Term::new("Cherries", "车厘子");
    let fruit = Term::new("Fresh fruit", "新鲜水果");
    let mut reasons = HashMap::new();
    reasons.insert(
        (0, 0),
        PairReason::Category {
            offer: cherries.clone(),
            want: cherries.clone(),
        },
    );
    reasons.insert(
        (0, 1),
        PairReason::Category {
            offer: cherries.clone(),
            want: fruit.clone(),
        },
    );
    reasons.insert(
        (1, 0),
        PairReason::HsCode {
            code: "0809.29".into(),
            name: Some(cherries.clone()),
        },
    );
    PrintInput {
        summit,
        slate,
        seller_trades: vec![vec![cherries.clone(), Term::new("Apples", "苹果")]; 3],
        buyer_trades: vec![vec![fruit, cherries]; 3],
        reasons,
        version: stamp(),
    }
}

/// The page's body, each QR code's SVG replaced by `[QR code]`: its
/// drawing is the `qrcode` crate's, and the code it holds is beside it.
fn body(html: &str) -> String {
    let mut rest = html.split_once("<body>").map_or(html, |(_, body)| body);
    let mut out = String::new();
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        out.push_str("[QR code]");
        rest = rest[start..]
            .split_once("</svg>")
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

#[test]
fn seller_page() {
    let (summit, slate) = (summit(), fixture::slate());
    let html = agenda_html(&input(&summit, &slate), Side::Seller, 0).unwrap();
    insta::assert_snapshot!(body(&html));
}

#[test]
fn chinese_buyer_page() {
    let (summit, slate) = (summit(), fixture::slate());
    let html = agenda_html(&input(&summit, &slate), Side::Buyer, 0).unwrap();
    insta::assert_snapshot!(body(&html));
}

#[test]
fn participant_pages_show_no_score_status_or_slot() {
    let (summit, slate) = (summit(), fixture::slate());
    let input = input(&summit, &slate);
    let files = render_files(&input).unwrap();
    for (path, bytes) in &files {
        let name = path.to_string_lossy();
        if !(name.starts_with("agendas")) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        // Words in the style sheet are not shown.
        let text = text
            .split_once("</style>")
            .map_or(text.as_str(), |(_, shown)| shown);
        for word in [
            "score", "proposed", "accepted", "locked", "slot", "85.0", "72.3",
        ] {
            assert!(!text.contains(word), "{name} shows {word:?}");
        }
    }
}

#[test]
fn pages_without_meetings_point_to_the_welcome_desk() {
    let (summit, slate) = (summit(), fixture::slate());
    // S03 has no meeting in the fixture.
    let html = agenda_html(&input(&summit, &slate), Side::Seller, 2).unwrap();
    assert!(html.contains("You have no meetings scheduled. Please ask at the welcome desk."));
    assert!(!html.contains("class=\"meetings\""));
}

#[test]
fn every_value_is_escaped() {
    let mut summit = summit();
    let attack = "<script>alert(1)</script>";
    summit.event.name = format!("Summit {attack}");
    summit.event.venue = attack.into();
    summit.sellers[0].company = attack.into();
    summit.sellers[0].state = attack.into();
    summit.buyers[0].company_zh = attack.into();
    summit.buyers[0].city = attack.into();
    summit.buyers[0].buyer_type = attack.into();
    summit.buyers[0].id = attack.into();
    let slate = fixture::slate();
    let mut input = input(&summit, &slate);
    input.seller_trades = vec![vec![Term::new(attack, attack)]; 3];
    input.reasons.insert(
        (0, 0),
        PairReason::Words {
            offer: attack.into(),
            want: attack.into(),
        },
    );
    let files = render_files(&input).unwrap();
    let mut html_files = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.extension().is_some_and(|e| e == "html") {
            html_files += 1;
            assert!(
                !text.contains("<script"),
                "{} holds a script tag",
                path.display()
            );
        }
    }
    assert!(html_files >= 4);
    let agendas = files
        .iter()
        .find(|(path, _)| path.as_os_str() == "agendas.html")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap();
    assert!(
        agendas.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || agendas.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    // The buyer's id is unsafe as a file name: its files get a safe one.
    assert!(
        files
            .iter()
            .all(|(path, _)| !path.to_string_lossy().contains('<'))
    );
}

#[test]
fn meeting_codes_on_the_page_are_the_pairs_codes() {
    let (summit, slate) = (summit(), fixture::slate());
    let html = agenda_html(&input(&summit, &slate), Side::Buyer, 0).unwrap();
    // B01 meets S01 and S02.
    for seller in ["S01", "S02"] {
        assert!(html.contains(&meeting_code(seller, "B01")), "{seller}");
    }
    assert!(!html.contains(&meeting_code("S03", "B01")));
}

/// Past `NO_MEETING_PAGES` participants without a meeting (a million
/// registered sellers, a few thousand meeting), only those who meet get a
/// page and a calendar; the check-in list still names everyone.
#[test]
fn a_crowd_without_meetings_gets_no_page_each() {
    let mut summit = summit();
    let template = summit.sellers[2].clone(); // S03: no meeting
    let meeting_ids: Vec<String> = fixture::slate()
        .meetings
        .iter()
        .map(|m| summit.sellers[m.seller].id.clone())
        .collect();
    for n in 0..=NO_MEETING_PAGES {
        let mut seller = template.clone();
        seller.id = format!("X{n:06}");
        summit.sellers.push(seller);
    }
    let slate = fixture::slate();
    let files = render_files(&input(&summit, &slate)).unwrap();
    let pages: Vec<String> = (files.iter())
        .map(|(path, _)| path.to_string_lossy().into_owned())
        .filter(|name| name.starts_with("agendas/") && name.ends_with(".html"))
        .collect();
    assert!(!pages.is_empty());
    assert!(pages.len() < 10, "{pages:?}");
    for id in &meeting_ids {
        assert!(pages.contains(&format!("agendas/{id}.html")), "{id}");
    }
    assert!(
        !pages
            .iter()
            .any(|p| p.contains("X000000") || p.contains("S03"))
    );
    let checkin = files
        .iter()
        .find(|(path, _)| path.to_string_lossy() == "checkin.html")
        .unwrap();
    let checkin = String::from_utf8_lossy(&checkin.1);
    assert!(checkin.contains(&format!("X{NO_MEETING_PAGES:06}")));
}
