//! Prints the demo's `agendas.html` with headless Chromium and reads the PDF
//! back with `pdftotext`: one page per participant, none blank, and a
//! Chinese buyer's page holding their Chinese name and every table they
//! sit at. Skipped, with a notice, where Chromium or poppler-utils is not
//! installed (`.ci/run` installs them).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/print_fixture.rs"]
mod fixture;

use std::path::{Path, PathBuf};
use std::process::Command;

use matchslate::export::print::write_print_folder;

/// The first of these on the PATH.
fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

fn print_to_pdf(chromium: &Path, html: &Path, pdf: &Path, profile: &Path) {
    let mut print = Command::new("timeout");
    print
        .arg("900")
        .arg(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()));
    let output = print.output().expect("timeout and chromium run");
    assert!(
        output.status.success() && pdf.is_file(),
        "chromium failed: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The text of every page of `pdf`: pdftotext separates pages by a form feed.
fn pages(pdf: &Path) -> Vec<String> {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    // The text ends with a form feed after the last page.
    if pages.last().is_some_and(|last| last.trim().is_empty()) {
        pages.pop();
    }
    pages
}

#[test]
fn agendas_print_one_page_per_participant() {
    let (Some(chromium), Some(_)) = (
        find(&["chromium", "chromium-browser", "google-chrome"]),
        find(&["pdftotext"]),
    ) else {
        eprintln!(
            "NOTICE: print_browser skipped: chromium or pdftotext (poppler-utils) is not installed"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (open, slate) = fixture::demo(dir.path());
    let input = fixture::input(&open, &slate);
    let print = dir.path().join("print");
    write_print_folder(&input, &print).unwrap();
    let pdf = dir.path().join("agendas.pdf");
    print_to_pdf(
        &chromium,
        &print.join("agendas.html"),
        &pdf,
        &dir.path().join("profile"),
    );

    let summit = open.summit();
    let pages = pages(&pdf);
    assert_eq!(pages.len(), summit.sellers.len() + summit.buyers.len());
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Participant ID") && page.contains("参会编号"),
            "page {} is blank or cut: {page:?}",
            n + 1
        );
    }

    // Pages run sellers then buyers, each by id: find a Chinese buyer with
    // meetings and their page.
    let mut buyers: Vec<usize> = (0..summit.buyers.len()).collect();
    buyers.sort_by(|&a, &b| summit.buyers[a].id.cmp(&summit.buyers[b].id));
    let (rank, buyer) = buyers
        .iter()
        .enumerate()
        .find(|&(_, &b)| {
            !summit.buyers[b].company_zh.is_empty()
                && slate.meetings.iter().filter(|m| m.buyer == b).count() >= 3
        })
        .expect("the demo has a Chinese buyer with meetings");
    let page = &pages[summit.sellers.len() + rank];
    let buyer_data = &summit.buyers[*buyer];
    assert!(page.contains(&buyer_data.id), "{page}");
    assert!(page.contains(&buyer_data.company_zh), "{page}");
    for meeting in slate.meetings.iter().filter(|m| m.buyer == *buyer) {
        let table = meeting.table + 1;
        assert!(
            page.contains(&format!("{table}号桌")),
            "table {table} on {page}"
        );
        assert!(
            page.contains(&format!("Table {table}")),
            "table {table} on {page}"
        );
    }
}
