//! How fast the review desk draws and reacts, on a synthetic summit of
//! 2,000 sellers and 500 buyers (the size the targets are set for):
//! the first frame (opening excluded: it runs on a worker while a loading
//! screen shows), a key to a redrawn frame, and one filter keystroke.
//!
//! `MATCHSLATE_BENCH_SELLERS` / `MATCHSLATE_BENCH_BUYERS` change the size,
//! e.g. a million sellers to check that the desk stays responsive.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use matchslate::generate::{GenerateOptions, generate};
use matchslate::summit::{OpenSummit, SummitOptions};
use matchslate::tui::{Action, App, Command, Theme, render, settle, update};

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn open() -> (tempfile::TempDir, OpenSummit) {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = GenerateOptions {
        sellers: size("MATCHSLATE_BENCH_SELLERS", 2_000),
        buyers: size("MATCHSLATE_BENCH_BUYERS", 500),
        seed: 7,
    };
    generate(dir.path(), &options).expect("generate");
    let started = Instant::now();
    let open = OpenSummit::open(&SummitOptions {
        data: dir.path().to_path_buf(),
        db: Some(dir.path().join("bench.db")),
        staff: "bench".to_string(),
    })
    .expect("open");
    eprintln!(
        "opened {} sellers × {} buyers in {:.0} ms",
        open.summit().sellers.len(),
        open.summit().buyers.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    (dir, open)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| render(frame, app))
        .expect("draw into the test backend");
}

fn benches(c: &mut Criterion) {
    let (_dir, open) = open();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let mut app = App::ready(Box::new(open), Theme::new(false), 160, 48);

    // First frame: the list and the first buyer's candidates, from an open
    // summit to pixels.
    let started = Instant::now();
    settle(&mut app);
    draw(&mut terminal, &app);
    eprintln!(
        "first frame after open: {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    c.bench_function(
        "key_to_frame (j: next buyer, rank its candidates, draw)",
        |b| {
            let mut down = true;
            b.iter(|| {
                // Alternate so the selection never sticks at an end.
                let command = if down { Command::Down } else { Command::Up };
                down = !down;
                update(&mut app, Action::Cmd(command));
                settle(&mut app);
                draw(&mut terminal, black_box(&app));
            })
        },
    );

    c.bench_function("draw only (no state change)", |b| {
        b.iter(|| draw(&mut terminal, black_box(&app)))
    });

    c.bench_function(
        "summary tab frame (histograms over every participant)",
        |b| {
            update(
                &mut app,
                Action::Cmd(Command::GoTab(matchslate::tui::Tab::Summary)),
            );
            b.iter(|| draw(&mut terminal, black_box(&app)));
        },
    );

    update(
        &mut app,
        Action::Cmd(Command::GoTab(matchslate::tui::Tab::Sellers)),
    );
    settle(&mut app);
    update(&mut app, Action::Cmd(Command::Find));
    c.bench_function(
        "filter keystroke (type one letter of \"ranch\": the whole search inline, as a worker runs it; draw)",
        |b| {
            let word: Vec<char> = "ranch".chars().collect();
            let mut typed = 0;
            b.iter(|| {
                if typed == word.len() {
                    for _ in 0..typed {
                        update(&mut app, Action::Cmd(Command::Backspace));
                    }
                    typed = 0;
                }
                update(&mut app, Action::Input(word[typed]));
                typed += 1;
                settle(&mut app);
                draw(&mut terminal, black_box(&app));
            })
        },
    );
}

criterion_group! {
    name = tui;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(tui);
