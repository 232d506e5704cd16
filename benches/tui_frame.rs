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
use matchslate::summit::{OpenSummit, SlateMove, SlateOptions, SummitOptions};
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

/// A full slate on the big summit (20,000 × 2,000 unless the size is set
/// with `MATCHSLATE_BENCH_SLATE_SELLERS` / `_BUYERS`): every cell but the
/// last table of each slot holds a meeting, up to 20,000, saved as a
/// version the desk opens on, as staff see it after `s`.
fn slate_summit() -> (tempfile::TempDir, OpenSummit) {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = GenerateOptions {
        sellers: size("MATCHSLATE_BENCH_SLATE_SELLERS", 20_000),
        buyers: size("MATCHSLATE_BENCH_SLATE_BUYERS", 2_000),
        seed: 7,
    };
    generate(dir.path(), &options).expect("generate");
    let open = OpenSummit::open(&SummitOptions {
        data: dir.path().to_path_buf(),
        db: Some(dir.path().join("bench.db")),
        staff: "bench".to_string(),
    })
    .expect("open");
    let summit = open.summit();
    let (sellers, buyers, tables) = (
        summit.sellers.len(),
        summit.buyers.len(),
        summit.event.tables,
    );
    let slate = matchslate::generate::full_slate(summit, summit.slots.len(), 20_000);
    open.save_run(&slate, &SlateOptions::default(), 0)
        .expect("save the slate");
    eprintln!(
        "slate bench: {sellers} sellers × {buyers} buyers, {tables} tables, {} meetings",
        slate.meetings.len()
    );
    (dir, open)
}

/// Types a jump ("T500") at the prompt, untimed.
fn jump(app: &mut App, to: &str) {
    update(app, Action::Cmd(Command::Jump));
    for c in to.chars() {
        update(app, Action::Input(c));
    }
    update(app, Action::Cmd(Command::Submit));
}

fn slate_benches(c: &mut Criterion) {
    let (_dir, open) = slate_summit();
    let worker = open.for_worker().expect("a second store connection");
    let tables = open.summit().event.tables;
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let started = Instant::now();
    // Opens on the saved version (inline here; on a worker in the desk).
    let mut app = App::ready(Box::new(open), Theme::new(false), 160, 48);
    settle(&mut app);
    update(
        &mut app,
        Action::Cmd(Command::GoTab(matchslate::tui::Tab::Slate)),
    );
    draw(&mut terminal, &app);
    eprintln!(
        "slate bench: opened on the saved version and drew in {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    assert!(app.slate().is_some(), "the desk opened on the saved slate");

    c.bench_function("slate: draw the grid (20,000 meetings)", |b| {
        b.iter(|| draw(&mut terminal, black_box(&app)))
    });

    c.bench_function("slate: page a screenful of tables (H/L) and draw", |b| {
        let mut right = true;
        b.iter(|| {
            let command = if right {
                Command::NextTables
            } else {
                Command::PrevTables
            };
            right = !right;
            update(&mut app, Action::Cmd(command));
            draw(&mut terminal, black_box(&app));
        })
    });

    c.bench_function("slate: jump to a table (t, T250, Enter) and draw", |b| {
        let mut far = true;
        b.iter(|| {
            jump(&mut app, if far { "T250" } else { "T1" });
            far = !far;
            draw(&mut terminal, black_box(&app));
        })
    });

    // A drop in the App, as staff make it: pick up at T1 (untimed), jump to
    // the last table (free on every slot), then the timed part: the drop
    // (a copy of the slate to the recorder, inline here, on its worker in
    // the desk: the move checked under the hard rules, locked, the draft of
    // 20,000 meetings amended in one transaction, the grid following) and
    // the frame after it. Then back, so every drop moves a meeting.
    let last = format!("T{tables}");
    let mut there = false;
    c.bench_function(
        "slate: drop a meeting (check, lock + amend the draft, grid follows, draw)",
        |b| {
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iters {
                    let (from, to) = if there {
                        (&last[..], "T1")
                    } else {
                        ("T1", &last[..])
                    };
                    jump(&mut app, from);
                    update(&mut app, Action::Cmd(Command::Move));
                    assert!(
                        app.moving().is_some(),
                        "nothing picked up at {from}: {:?}",
                        app.status()
                    );
                    jump(&mut app, to);
                    let started = Instant::now();
                    update(&mut app, Action::Cmd(Command::Move));
                    settle(&mut app);
                    draw(&mut terminal, black_box(&app));
                    total += started.elapsed();
                    // A refused drop would measure nothing: fail loudly.
                    assert!(
                        app.moving().is_none() && !app.status().is_some_and(|s| s.error),
                        "the drop was refused: {:?}",
                        app.status()
                    );
                    there = !there;
                }
                total
            })
        },
    );

    // What the UI thread itself does for a drop: copy the slate for the
    // worker (its input is shared).
    let scheduled = app.scheduled().cloned().expect("a slate");
    c.bench_function(
        "slate: the UI thread's part of a drop (copy the slate)",
        |b| b.iter(|| black_box(scheduled.clone())),
    );

    // The worker's part alone: `OpenSummit::move_and_save`.
    let mut worker = worker;
    let mut moved = scheduled;
    c.bench_function(
        "slate: the worker's part of a drop (check + lock + amend a 20,000-meeting draft)",
        |b| {
            b.iter(|| {
                let m = moved.slate().meetings[0];
                let table = if m.table == 0 { tables - 1 } else { 0 };
                let mv = SlateMove {
                    meeting: 0,
                    slot: m.slot,
                    table,
                };
                worker.move_and_save(&mut moved, &[mv]).expect("move");
            })
        },
    );
}

criterion_group! {
    name = tui;
    config = Criterion::default().sample_size(30);
    targets = benches
}

criterion_group! {
    name = slate;
    config = Criterion::default().sample_size(10);
    targets = slate_benches
}
criterion_main!(tui, slate);
