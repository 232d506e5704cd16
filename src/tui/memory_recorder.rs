//! The memory desk's recorder: decisions, undo and slate versions in a
//! book shared by the desk and its recorders, as one store is shared by
//! its connections.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::model::{DecisionKind, Slate, Summit};

use super::desk::{
    Decision, DecisionInfo, DeskVersion, Move, Recorder, Scheduled, SlateDiff, SlateOptions,
    VersionStatus,
};
use super::memory_versions::VersionBook;

/// One undo step: each pair with its state before.
type Step = Vec<((usize, usize), Option<DecisionInfo>)>;

/// The decisions and undo stacks, shared by the desk and its recorders as
/// one store is shared by its connections.
#[derive(Debug, Default)]
pub(super) struct Book {
    pub(super) decisions: BTreeMap<(usize, usize), DecisionInfo>,
    /// Steps of (pair, state before) for undo (a swap's two locks are
    /// one step); redo the mirror image.
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Counts changes, as the store's change token does.
    pub(super) version: u64,
}

/// Which stack a step is taken from; its mirror goes on the other.
#[derive(Clone, Copy)]
enum Direction {
    Undo,
    Redo,
}

impl Book {
    /// Takes the latest step off the `direction` stack, puts each pair back
    /// and the mirror step on the other stack; false when it is empty.
    fn step(&mut self, direction: Direction) -> Result<bool, String> {
        let taken = match direction {
            Direction::Undo => self.undo.pop(),
            Direction::Redo => self.redo.pop(),
        };
        let Some(step) = taken else {
            return Ok(false);
        };
        let back: Step = (step.into_iter())
            .map(|(pair, state)| (pair, self.set(pair, state)))
            .collect();
        match direction {
            Direction::Undo => self.redo.push(back),
            Direction::Redo => self.undo.push(back),
        }
        Ok(true)
    }

    pub(super) fn set(
        &mut self,
        pair: (usize, usize),
        info: Option<DecisionInfo>,
    ) -> Option<DecisionInfo> {
        self.version += 1;
        match info {
            Some(info) => self.decisions.insert(pair, info),
            None => self.decisions.remove(&pair),
        }
    }
}

/// A moved meeting's pair and new place, as the book locks it.
struct Placed {
    seller: usize,
    buyer: usize,
    slot: usize,
    table: u32,
}

/// Writes to the shared book, as a store connection writes to the store.
#[derive(Debug, Clone)]
pub struct MemoryRecorder {
    summit: Summit,
    pub(super) staff: String,
    book: Arc<Mutex<Book>>,
    versions: Arc<Mutex<VersionBook>>,
}

impl MemoryRecorder {
    pub(super) fn new(summit: Summit, staff: &str) -> MemoryRecorder {
        MemoryRecorder {
            summit,
            staff: staff.to_string(),
            book: Arc::default(),
            versions: Arc::default(),
        }
    }

    pub(super) fn book(&self) -> Result<MutexGuard<'_, Book>, String> {
        self.book
            .lock()
            .map_err(|_| "a recorder crashed mid-write".to_string())
    }

    pub(super) fn versions(&self) -> Result<MutexGuard<'_, VersionBook>, String> {
        self.versions
            .lock()
            .map_err(|_| "a recorder crashed mid-save".to_string())
    }
}

impl Recorder for MemoryRecorder {
    fn summit(&self) -> &Summit {
        &self.summit
    }

    fn staff(&self) -> &str {
        &self.staff
    }

    fn decided(&self, seller: usize, buyer: usize) -> Option<DecisionKind> {
        let book = self.book().ok()?;
        book.decisions.get(&(seller, buyer)).map(|d| d.kind)
    }

    fn decide(&mut self, decision: Decision<'_>) -> Result<(), String> {
        let Decision {
            seller,
            buyer,
            verdict,
            note,
        } = decision;
        let info = verdict.kind().map(|kind| DecisionInfo {
            kind,
            staff: self.staff.clone(),
            at: jiff::Timestamp::constant(1_507_712_400, 0),
            note: note.map(str::to_string),
        });
        let mut book = self.book()?;
        let before = book.set((seller, buyer), info);
        book.undo.push(vec![((seller, buyer), before)]);
        book.redo.clear();
        Ok(())
    }

    fn set_note(&mut self, seller: usize, buyer: usize, note: Option<&str>) -> Result<(), String> {
        let mut book = self.book()?;
        let Some(mut info) = book.decisions.get(&(seller, buyer)).cloned() else {
            return Err("the pair has no decision".into());
        };
        info.note = note.map(str::to_string);
        let before = book.set((seller, buyer), Some(info));
        book.undo.push(vec![((seller, buyer), before)]);
        Ok(())
    }

    fn undo(&mut self) -> Result<bool, String> {
        self.book()?.step(Direction::Undo)
    }

    fn redo(&mut self) -> Result<bool, String> {
        self.book()?.step(Direction::Redo)
    }

    fn open_latest_slate(&mut self) -> Result<Option<DeskVersion>, String> {
        self.versions()?.latest(&self.summit)
    }

    fn save_run(
        &mut self,
        slate: &Slate,
        _options: &SlateOptions,
        _position: i64,
    ) -> Result<VersionStatus, String> {
        Ok(self.versions()?.save(&self.summit, &self.staff, slate))
    }

    fn move_and_save(
        &mut self,
        scheduled: &mut Scheduled,
        moves: &[Move],
    ) -> Result<VersionStatus, String> {
        scheduled.check_move(moves).map_err(|e| e.to_string())?;
        let moved: Vec<Placed> = (moves.iter())
            .filter_map(|mv| {
                let m = scheduled.slate().meetings.get(mv.meeting)?;
                Some(Placed {
                    seller: m.seller,
                    buyer: m.buyer,
                    slot: mv.slot,
                    table: mv.table,
                })
            })
            .collect();
        {
            let mut book = self.book()?;
            let mut step = Vec::new();
            for m in &moved {
                let info = DecisionInfo {
                    kind: DecisionKind::Locked {
                        slot: m.slot,
                        table: m.table,
                    },
                    staff: self.staff.clone(),
                    at: jiff::Timestamp::constant(1_507_712_400, 0),
                    note: None,
                };
                let before = book.set((m.seller, m.buyer), Some(info));
                step.push(((m.seller, m.buyer), before));
            }
            book.undo.push(step);
            book.redo.clear();
        }
        (scheduled.apply_move(moves, |_, _, _| Ok::<(), String>(()))).map_err(|e| e.to_string())?;
        Ok(self
            .versions()?
            .amend(&self.summit, &self.staff, scheduled.slate()))
    }

    fn publish(&mut self, number: i64, _note: Option<&str>) -> Result<VersionStatus, String> {
        let mut versions = self.versions()?;
        versions.publish(number)?;
        versions.status(&self.summit, number)
    }

    fn rollback(&mut self, number: i64) -> Result<i64, String> {
        self.versions()?.rollback(&self.summit, &self.staff, number)
    }

    fn diff_from_published(&mut self, number: i64) -> Result<Option<SlateDiff>, String> {
        self.versions()?.diff_from_published(&self.summit, number)
    }
}
