//! A desk kept in memory: the real summit data with decisions in a map, a
//! plain word-overlap ranking and a greedy scheduler. Unit tests drive the
//! App with it so screens are checked without SQLite or the real matcher.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::load::Diagnostic;
use crate::model::{DecisionKind, Meeting, MeetingStatus, Slate, Summit};
use crate::summit::{ParticipantSearch, Prepared};

use crate::schedule::{Pair as SchedulePair, PairStatus, Participant, ScheduleInput};

use super::desk::{
    Candidate, Decision, DecisionInfo, Desk, DeskVersion, ExportJob, Move, Progress, Recorder,
    ScheduleJob, Scheduled, SlateDiff, SlateOptions, VersionStamp, VersionStatus,
};
use super::memory_recorder::MemoryRecorder;

#[derive(Debug)]
pub struct MemoryDesk {
    pub summit: Summit,
    recorder: MemoryRecorder,
    /// The decisions as this desk last read them from the book.
    decisions: BTreeMap<(usize, usize), DecisionInfo>,
    seen: u64,
    /// Decisions "another terminal" made, applied on the next refresh.
    pub elsewhere: Arc<Mutex<Vec<(usize, usize, DecisionInfo)>>>,
    pub exported_to: PathBuf,
    /// Makes the scheduler panic, to test that a failed worker is reported.
    pub scheduler_panics: bool,
}

impl MemoryDesk {
    pub fn new(summit: Summit, staff: &str) -> MemoryDesk {
        MemoryDesk {
            recorder: MemoryRecorder::new(summit.clone(), staff),
            summit,
            decisions: BTreeMap::new(),
            seen: 0,
            elsewhere: Arc::default(),
            exported_to: PathBuf::from("export"),
            scheduler_panics: false,
        }
    }

    /// Reads the book again; true when it changed since last read.
    fn reread(&mut self) -> Result<bool, String> {
        let book = self.recorder.book()?;
        if book.version == self.seen {
            return Ok(false);
        }
        self.seen = book.version;
        self.decisions = book.decisions.clone();
        Ok(true)
    }

    fn words(list: &[String]) -> HashSet<String> {
        list.iter()
            .flat_map(|s| s.split_whitespace())
            .map(|w| w.to_lowercase())
            .collect()
    }

    fn pair(&self, seller: usize, buyer: usize) -> Candidate {
        let s = &self.summit.sellers[seller];
        let b = &self.summit.buyers[buyer];
        let offer = Self::words(&[s.categories.clone(), s.keywords.clone()].concat());
        let want = Self::words(&b.interests);
        let mut shared: Vec<&String> = offer.intersection(&want).collect();
        shared.sort();
        let score = shared.len() as f32 / want.len().max(1) as f32;
        let interpreter = !b.languages.iter().any(|l| s.languages.contains(l));
        let mut reasons: Vec<String> = shared
            .iter()
            .map(|w| format!("both mention \"{w}\""))
            .collect();
        if interpreter {
            reasons.push("no common language".to_string());
        }
        Candidate {
            seller,
            buyer,
            score,
            interpreter,
            reasons,
        }
    }

    fn rank(mut list: Vec<Candidate>, k: usize) -> Vec<Candidate> {
        list.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.seller.cmp(&b.seller))
                .then(a.buyer.cmp(&b.buyer))
        });
        list.truncate(k);
        list
    }
}

impl MemoryDesk {
    /// The real scheduler's input for a greedy slate of `pairs`: everyone
    /// free in every slot, each pair a candidate. Moves on the slate are
    /// then checked by the real rules, as on the real desk.
    pub fn input(summit: &Summit, pairs: &[(usize, usize)]) -> ScheduleInput {
        let slots = summit.slots.len();
        let participant = |name: &str, max_meetings: u32| Participant {
            name: name.to_string(),
            max_meetings,
            available: vec![true; slots],
        };
        ScheduleInput {
            slots: summit.slots.clone(),
            tables: summit.event.tables,
            interpreters: summit.event.interpreters,
            sellers: (summit.sellers.iter())
                .map(|s| participant(&s.id, s.max_meetings))
                .collect(),
            buyers: (summit.buyers.iter())
                .map(|b| participant(&b.id, b.max_meetings))
                .collect(),
            candidates: (pairs.iter())
                .map(|&(seller, buyer)| SchedulePair {
                    seller,
                    buyer,
                    score: 80.0,
                    interpreter: false,
                    status: PairStatus::Accepted,
                    wish: Default::default(),
                })
                .collect(),
            good_score: 40.0,
        }
    }

    /// A slate as the real desk would get it, checked by the real rules.
    pub fn scheduled(summit: &Summit, slate: Slate) -> Scheduled {
        let pairs: Vec<(usize, usize)> =
            slate.meetings.iter().map(|m| (m.seller, m.buyer)).collect();
        Scheduled::new(MemoryDesk::input(summit, &pairs), slate)
    }
}

/// The desk writes through its own recorder and reads back at once, as
/// `OpenSummit` does after its own writes.
impl Recorder for MemoryDesk {
    fn summit(&self) -> &Summit {
        &self.summit
    }

    fn staff(&self) -> &str {
        &self.recorder.staff
    }

    fn decided(&self, seller: usize, buyer: usize) -> Option<DecisionKind> {
        self.recorder.decided(seller, buyer)
    }

    fn decide(&mut self, decision: Decision<'_>) -> Result<(), String> {
        self.recorder.decide(decision)?;
        self.reread().map(|_| ())
    }

    fn set_note(&mut self, seller: usize, buyer: usize, note: Option<&str>) -> Result<(), String> {
        self.recorder.set_note(seller, buyer, note)?;
        self.reread().map(|_| ())
    }

    fn undo(&mut self) -> Result<bool, String> {
        let done = self.recorder.undo()?;
        self.reread()?;
        Ok(done)
    }

    fn redo(&mut self) -> Result<bool, String> {
        let done = self.recorder.redo()?;
        self.reread()?;
        Ok(done)
    }

    fn open_latest_slate(&mut self) -> Result<Option<DeskVersion>, String> {
        self.recorder.open_latest_slate()
    }

    fn save_run(
        &mut self,
        slate: &Slate,
        options: &SlateOptions,
        position: i64,
    ) -> Result<VersionStatus, String> {
        self.recorder.save_run(slate, options, position)
    }

    fn move_and_save(
        &mut self,
        scheduled: &mut Scheduled,
        moves: &[Move],
    ) -> Result<VersionStatus, String> {
        let status = self.recorder.move_and_save(scheduled, moves)?;
        self.reread()?;
        Ok(status)
    }

    fn publish(&mut self, number: i64, note: Option<&str>) -> Result<VersionStatus, String> {
        self.recorder.publish(number, note)
    }

    fn rollback(&mut self, number: i64) -> Result<i64, String> {
        self.recorder.rollback(number)
    }

    fn diff_from_published(&mut self, number: i64) -> Result<Option<SlateDiff>, String> {
        self.recorder.diff_from_published(number)
    }
}

impl Desk for MemoryDesk {
    fn warnings(&self) -> &[Diagnostic] {
        &[]
    }

    fn candidates_for_buyer(&self, buyer: usize, k: usize) -> Vec<Candidate> {
        let list = (0..self.summit.sellers.len())
            .map(|s| self.pair(s, buyer))
            .collect();
        Self::rank(list, k)
    }

    fn candidates_for_seller(&self, seller: usize, k: usize) -> Vec<Candidate> {
        let list = (0..self.summit.buyers.len())
            .map(|b| self.pair(seller, b))
            .collect();
        Self::rank(list, k)
    }

    fn decision(&self, seller: usize, buyer: usize) -> Option<&DecisionInfo> {
        self.decisions.get(&(seller, buyer))
    }

    fn decided_pairs(&self) -> Vec<(usize, usize, DecisionKind)> {
        self.decisions
            .iter()
            .map(|(&(s, b), d)| (s, b, d.kind))
            .collect()
    }

    fn refresh_if_changed(&mut self) -> Result<bool, String> {
        let incoming = match self.elsewhere.lock() {
            Ok(mut queue) => std::mem::take(&mut *queue),
            Err(_) => return Err("the other terminal crashed".into()),
        };
        {
            let mut book = self.recorder.book()?;
            for (seller, buyer, info) in incoming {
                book.set((seller, buyer), Some(info));
            }
        }
        self.reread()
    }

    fn recorder(&self) -> Result<Box<dyn Recorder>, String> {
        Ok(Box::new(self.recorder.clone()))
    }

    fn schedule_job(&self, _time_limit: Duration) -> ScheduleJob {
        let pairs: Vec<(usize, usize, DecisionKind)> = self.decided_pairs();
        let slots = self.summit.slots.len();
        let tables = self.summit.event.tables;
        let summit = self.summit.clone();
        let panics = self.scheduler_panics;
        Box::new(move |progress| {
            assert!(!panics, "the scheduler fell over");
            let mut slate = Slate::default();
            let mut busy: HashSet<(usize, char, usize)> = HashSet::new();
            let mut used = vec![0u32; slots];
            let basis = (pairs.iter()).map(|&(s, b, kind)| ((s, b), kind)).collect();
            for (seller, buyer, kind) in pairs {
                if kind == DecisionKind::Rejected {
                    continue;
                }
                let free = (0..slots).find(|&t| {
                    used[t] < tables
                        && !busy.contains(&(t, 's', seller))
                        && !busy.contains(&(t, 'b', buyer))
                });
                if let Some(slot) = free {
                    busy.insert((slot, 's', seller));
                    busy.insert((slot, 'b', buyer));
                    slate.meetings.push(Meeting {
                        seller,
                        buyer,
                        slot,
                        table: used[slot],
                        score: 1.0,
                        interpreter: false,
                        status: MeetingStatus::Accepted,
                    });
                    used[slot] += 1;
                }
            }
            slate.total_score = slate.meetings.len() as f64;
            slate.upper_bound = slate.total_score.max(1.0);
            let _ = progress(&Progress {
                elapsed: Duration::from_millis(5),
                score: slate.total_score,
                upper_bound: slate.upper_bound,
                meetings: slate.meetings.len(),
                phase: crate::schedule::Phase::Construct,
            });
            MemoryDesk::scheduled(&summit, slate).with_basis(basis)
        })
    }

    fn export_job(&self) -> ExportJob {
        let folder = self.exported_to.clone();
        Box::new(move |_slate, _version| Ok(folder))
    }

    fn wishes(&self) -> Arc<crate::wishes::WishIndex> {
        Arc::new(crate::wishes::WishIndex::new(&self.summit))
    }

    /// The real search, on the built-in taxonomy: the filter is tested as
    /// it runs. Built once per distinct summit, as the tests open many desks.
    fn search(&self) -> Option<Arc<ParticipantSearch>> {
        static BUILT: Mutex<Vec<(Summit, Arc<ParticipantSearch>)>> = Mutex::new(Vec::new());
        let mut built = BUILT.lock().ok()?;
        if let Some((_, search)) = built.iter().find(|(s, _)| *s == self.summit) {
            return Some(Arc::clone(search));
        }
        let taxonomy = crate::taxonomy::built_in().ok()?;
        let prepared = Prepared {
            matcher: crate::matching::Matcher::new(&self.summit, taxonomy),
            summit: self.summit.clone(),
            warnings: Vec::new(),
        };
        let search = Arc::new(ParticipantSearch::new(Arc::new(prepared)));
        built.push((self.summit.clone(), Arc::clone(&search)));
        Some(search)
    }

    fn latest_stamp(&self) -> Result<Option<VersionStamp>, String> {
        Ok(self.recorder.versions()?.latest_stamp())
    }

    fn log_position(&self) -> Result<i64, String> {
        Ok(self.recorder.book()?.version as i64)
    }
}
