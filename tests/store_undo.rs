//! Undo and redo through the log: per staff member, standard stack
//! semantics, refused when someone else changed the pair since.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use matchslate::model::DecisionKind;
use matchslate::store::{LogAction, LogEntry, NewDecision, Store, StoreError, Verdict as Action};
use proptest::prelude::*;

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("matchslate.db")).expect("open fresh store");
    (dir, store)
}

fn record(store: &Store, seller: &str, buyer: &str, action: Action, staff: &str) -> i64 {
    store
        .record(&NewDecision {
            seller_id: seller,
            buyer_id: buyer,
            action,
            staff,
            note: None,
        })
        .expect("record")
        .expect("a change")
        .id
}

/// Undoes one one-row step.
fn undo(store: &Store, staff: &str) -> Option<LogEntry> {
    let rows = store.undo(staff).expect("undo")?;
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows.into_iter().next()
}

fn redo(store: &Store, staff: &str) -> Option<LogEntry> {
    let rows = store.redo(staff).expect("redo")?;
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows.into_iter().next()
}

fn kind_of(store: &Store, seller: &str, buyer: &str) -> Option<DecisionKind> {
    store
        .current_pair(seller, buyer)
        .expect("current pair")
        .map(|c| c.kind)
}

#[test]
fn undo_and_redo_walk_back_and_forth() {
    let (_dir, store) = fresh();
    let accept = record(&store, "S1", "B1", Action::Accept, "ann");
    let reject = record(&store, "S1", "B1", Action::Reject, "ann");

    let u1 = undo(&store, "ann").expect("something to undo");
    assert_eq!(
        (u1.action, u1.reverts, u1.kind),
        (LogAction::Undo, Some(reject), Some(DecisionKind::Accepted))
    );
    let u2 = undo(&store, "ann").expect("something to undo");
    assert_eq!((u2.reverts, u2.kind), (Some(accept), None));
    assert!(store.current().expect("current").is_empty());
    // Past the beginning.
    assert_eq!(undo(&store, "ann"), None);

    let r1 = redo(&store, "ann").expect("something to redo");
    assert_eq!(
        (r1.action, r1.reverts, r1.kind),
        (LogAction::Redo, Some(u2.id), Some(DecisionKind::Accepted))
    );
    let r2 = redo(&store, "ann").expect("something to redo");
    assert_eq!(
        (r2.reverts, r2.kind),
        (Some(u1.id), Some(DecisionKind::Rejected))
    );
    assert_eq!(redo(&store, "ann"), None);

    // A redone action can be undone again.
    undo(&store, "ann").expect("something to undo");
    assert_eq!(kind_of(&store, "S1", "B1"), Some(DecisionKind::Accepted));
    // Everything stays in the log: 2 decisions, 3 undos, 2 redos.
    assert_eq!(store.log().expect("log").len(), 7);
}

#[test]
fn undo_of_a_clear_restores_the_decision_and_its_note() {
    let (_dir, store) = fresh();
    let lock = Action::Lock { slot: 4, table: 2 };
    store
        .record(&NewDecision {
            seller_id: "S1",
            buyer_id: "B1",
            action: lock,
            staff: "ann",
            note: Some("CEO only free then"),
        })
        .expect("record");
    record(&store, "S1", "B1", Action::Clear, "ann");
    assert!(store.current().expect("current").is_empty());

    undo(&store, "ann").expect("something to undo");
    let pair = store
        .current_pair("S1", "B1")
        .expect("pair")
        .expect("restored");
    assert_eq!(pair.kind, DecisionKind::Locked { slot: 4, table: 2 });
    assert_eq!(pair.note.as_deref(), Some("CEO only free then"));
    assert_eq!(pair.staff, "ann");
}

#[test]
fn undo_of_a_note_restores_the_previous_note() {
    let (_dir, store) = fresh();
    store
        .record(&NewDecision {
            seller_id: "S1",
            buyer_id: "B1",
            action: Action::Accept,
            staff: "ann",
            note: Some("first"),
        })
        .expect("record");
    store
        .set_note("S1", "B1", "ann", Some("second"))
        .expect("note");
    undo(&store, "ann").expect("something to undo");
    let pair = store
        .current_pair("S1", "B1")
        .expect("pair")
        .expect("decided");
    assert_eq!(
        (pair.kind, pair.note.as_deref()),
        (DecisionKind::Accepted, Some("first"))
    );
}

#[test]
fn a_new_decision_clears_the_redo_stack() {
    let (_dir, store) = fresh();
    record(&store, "S1", "B1", Action::Accept, "ann");
    undo(&store, "ann").expect("something to undo");
    record(&store, "S2", "B1", Action::Reject, "ann");
    assert_eq!(redo(&store, "ann"), None);
    // Undo now takes back the new decision, and then nothing more: the
    // first one was already undone.
    undo(&store, "ann").expect("something to undo");
    assert_eq!(undo(&store, "ann"), None);
    assert!(store.current().expect("current").is_empty());
}

#[test]
fn undo_touches_only_that_staff_members_actions() {
    let (_dir, store) = fresh();
    record(&store, "S1", "B1", Action::Accept, "ann");
    record(&store, "S2", "B2", Action::Reject, "bo");
    record(&store, "S3", "B3", Action::Accept, "bo");

    let undone = undo(&store, "ann").expect("something to undo");
    assert_eq!(
        (undone.seller_id.as_str(), undone.staff.as_str()),
        ("S1", "ann")
    );
    assert_eq!(kind_of(&store, "S1", "B1"), None);
    assert_eq!(kind_of(&store, "S2", "B2"), Some(DecisionKind::Rejected));
    assert_eq!(kind_of(&store, "S3", "B3"), Some(DecisionKind::Accepted));
    assert_eq!(undo(&store, "ann"), None);

    // Bo's stacks are his own: nothing to redo, and his undo takes his
    // latest action.
    assert_eq!(redo(&store, "bo"), None);
    undo(&store, "bo").expect("something to undo");
    assert_eq!(kind_of(&store, "S3", "B3"), None);
    assert_eq!(kind_of(&store, "S2", "B2"), Some(DecisionKind::Rejected));
    // Someone who never decided anything has nothing to undo.
    assert_eq!(undo(&store, "cy"), None);
    assert_eq!(redo(&store, "cy"), None);
}

#[test]
fn undo_is_refused_when_someone_else_changed_the_pair_since() {
    let (_dir, store) = fresh();
    record(&store, "S023", "B002", Action::Accept, "bob");
    record(&store, "S023", "B002", Action::Reject, "ann");
    // Before the fix bob's undo cleared the pair, erasing ann's rejection.
    let err = store.undo("bob").unwrap_err();
    let StoreError::Refused(refusal) = &err else {
        panic!("expected a refusal, got {err}");
    };
    assert_eq!(
        (refusal.by.as_str(), refusal.did, refusal.yours),
        ("ann", "rejected", "accept")
    );
    let message = err.to_string();
    assert!(
        message.starts_with("ann rejected S023·B002 at "),
        "{message}"
    );
    assert!(
        message.ends_with(" after your accept; undo refused"),
        "{message}"
    );
    // Nothing was written and ann's decision stands.
    assert_eq!(
        kind_of(&store, "S023", "B002"),
        Some(DecisionKind::Rejected)
    );
    assert_eq!(store.log().expect("log").len(), 2);
    // Ann can still undo her own change.
    undo(&store, "ann").expect("something to undo");
    assert_eq!(
        kind_of(&store, "S023", "B002"),
        Some(DecisionKind::Accepted)
    );
}

#[test]
fn redo_is_refused_when_someone_else_changed_the_pair_since() {
    let (_dir, store) = fresh();
    record(&store, "S1", "B1", Action::Accept, "ann");
    undo(&store, "ann").expect("something to undo");
    record(&store, "S1", "B1", Action::Reject, "bob");
    let err = store.redo("ann").unwrap_err();
    assert!(
        err.to_string().starts_with("bob rejected S1·B1 at ")
            && err.to_string().ends_with(" after your undo; redo refused"),
        "{err}"
    );
    assert_eq!(kind_of(&store, "S1", "B1"), Some(DecisionKind::Rejected));
}

#[test]
fn a_decision_that_changes_nothing_writes_nothing() {
    let (_dir, store) = fresh();
    let clear = NewDecision {
        seller_id: "S1",
        buyer_id: "B1",
        action: Action::Clear,
        staff: "ann",
        note: None,
    };
    // Clearing an undecided pair.
    assert_eq!(store.record(&clear).expect("record"), None);
    record(&store, "S1", "B1", Action::Accept, "ann");
    // Accepting an accepted pair, by anyone.
    let again = NewDecision {
        action: Action::Accept,
        staff: "bob",
        ..clear
    };
    assert_eq!(store.record(&again).expect("record"), None);
    // The same note again.
    store
        .set_note("S1", "B1", "ann", Some("x"))
        .expect("note")
        .expect("a change");
    assert_eq!(
        store.set_note("S1", "B1", "ann", Some("x")).expect("note"),
        None
    );
    assert_eq!(store.log().expect("log").len(), 2);
    // So there is no empty undo step either: undo takes back the note.
    undo(&store, "ann").expect("something to undo");
    let pair = store
        .current_pair("S1", "B1")
        .expect("pair")
        .expect("decided");
    assert_eq!(pair.note, None);
}

#[test]
fn a_swap_is_one_step_and_one_undo() {
    let (_dir, store) = fresh();
    let lock = |seller: &'static str, slot: usize| NewDecision {
        seller_id: seller,
        buyer_id: "B1",
        action: Action::Lock { slot, table: 0 },
        staff: "ann",
        note: None,
    };
    // Two sellers locked with one buyer at slots 1 and 2 (tables differ by
    // slot, so no clash).
    store.record(&lock("S1", 1)).expect("lock");
    store.record(&lock("S2", 2)).expect("lock");
    // The swap: each takes the other's slot. Locking them one at a time
    // would clash (B1 twice in one slot); as one step it does not.
    let rows = store
        .record_step(&[lock("S1", 2), lock("S2", 1)])
        .expect("swap");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].step, Some(rows[0].id));
    assert_eq!(
        kind_of(&store, "S1", "B1"),
        Some(DecisionKind::Locked { slot: 2, table: 0 })
    );
    // One undo takes back both locks.
    let undone = store.undo("ann").expect("undo").expect("something to undo");
    assert_eq!(undone.len(), 2);
    assert_eq!(
        kind_of(&store, "S1", "B1"),
        Some(DecisionKind::Locked { slot: 1, table: 0 })
    );
    assert_eq!(
        kind_of(&store, "S2", "B1"),
        Some(DecisionKind::Locked { slot: 2, table: 0 })
    );
    // And one redo puts the swap back.
    let redone = store.redo("ann").expect("redo").expect("something to redo");
    assert_eq!(redone.len(), 2);
    assert_eq!(
        kind_of(&store, "S2", "B1"),
        Some(DecisionKind::Locked { slot: 1, table: 0 })
    );
}

type State = Option<DecisionKind>;

/// An independent model: each staff member has command stacks holding the
/// pair's state before and after the command, captured when it ran, and
/// the time it ran; a pair remembers who wrote it when.
#[derive(Default)]
struct Model {
    clock: u32,
    pairs: BTreeMap<u8, State>,
    /// Per pair: (time, staff) of every write.
    writes: BTreeMap<u8, Vec<(u32, u8)>>,
    /// Per staff: (pair, state before, state after, time).
    undo: BTreeMap<u8, Vec<(u8, State, State, u32)>>,
    /// Per staff: (pair, state to re-apply, time of the undo).
    redo: BTreeMap<u8, Vec<(u8, State, u32)>>,
}

impl Model {
    fn state(&self, pair: u8) -> State {
        self.pairs.get(&pair).copied().flatten()
    }

    fn write(&mut self, staff: u8, pair: u8, state: State) -> u32 {
        self.clock += 1;
        self.pairs.insert(pair, state);
        self.writes
            .entry(pair)
            .or_default()
            .push((self.clock, staff));
        self.clock
    }

    fn changed_by_others(&self, staff: u8, pair: u8, since: u32) -> bool {
        self.writes
            .get(&pair)
            .is_some_and(|w| w.iter().any(|&(t, s)| t > since && s != staff))
    }

    fn decide(&mut self, staff: u8, pair: u8, after: State) {
        let before = self.state(pair);
        if before == after {
            return; // changes nothing, writes nothing
        }
        let at = self.write(staff, pair, after);
        self.undo
            .entry(staff)
            .or_default()
            .push((pair, before, after, at));
        self.redo.entry(staff).or_default().clear();
    }

    /// `Err` when refused.
    fn undo(&mut self, staff: u8) -> Result<Option<State>, ()> {
        let Some(&(pair, before, after, at)) = self.undo.entry(staff).or_default().last() else {
            return Ok(None);
        };
        if self.changed_by_others(staff, pair, at) {
            return Err(());
        }
        self.undo.entry(staff).or_default().pop();
        let undone_at = self.write(staff, pair, before);
        self.redo
            .entry(staff)
            .or_default()
            .push((pair, after, undone_at));
        Ok(Some(before))
    }

    fn redo(&mut self, staff: u8) -> Result<Option<State>, ()> {
        let Some(&(pair, after, undone_at)) = self.redo.entry(staff).or_default().last() else {
            return Ok(None);
        };
        if self.changed_by_others(staff, pair, undone_at) {
            return Err(());
        }
        self.redo.entry(staff).or_default().pop();
        let before = self.state(pair);
        let at = self.write(staff, pair, after);
        self.undo
            .entry(staff)
            .or_default()
            .push((pair, before, after, at));
        Ok(Some(after))
    }
}

#[derive(Debug, Clone)]
enum Op {
    Decide(u8, u8, Action),
    Undo(u8),
    Redo(u8),
}

fn op() -> impl Strategy<Value = Op> {
    // Each pair locks in its own slot, so locks never clash here (clashes
    // have their own tests).
    let action = prop_oneof![
        Just(Action::Accept),
        Just(Action::Reject),
        Just(Action::Clear),
        (0u32..2).prop_map(|table| Action::Lock { slot: 99, table }),
    ];
    prop_oneof![
        3 => (0u8..2, 0u8..3, action).prop_map(|(s, p, a)| Op::Decide(s, p, a)),
        2 => (0u8..2).prop_map(Op::Undo),
        1 => (0u8..2).prop_map(Op::Redo),
    ]
}

/// Pair `p`'s action, with its lock moved to the pair's own slot.
fn for_pair(action: Action, p: u8) -> Action {
    match action {
        Action::Lock { table, .. } => Action::Lock {
            slot: usize::from(p),
            table,
        },
        other => other,
    }
}

fn outcome(result: Result<Option<Vec<LogEntry>>, StoreError>) -> Result<Option<State>, ()> {
    match result {
        Ok(rows) => Ok(rows.map(|rows| rows[0].kind)),
        Err(StoreError::Refused(_)) => Err(()),
        Err(other) => panic!("unexpected error: {other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn undo_redo_match_the_command_stack_model(ops in prop::collection::vec(op(), 1..30)) {
        let (_dir, store) = fresh();
        let mut model = Model::default();
        let staff = |s: u8| format!("staff{s}");
        let seller = |p: u8| format!("S{p}");
        for op in &ops {
            match *op {
                Op::Decide(s, p, action) => {
                    let action = for_pair(action, p);
                    store
                        .record(&NewDecision {
                            seller_id: &seller(p),
                            buyer_id: "B",
                            action,
                            staff: &staff(s),
                            note: None,
                        })
                        .expect("record");
                    model.decide(s, p, action.kind());
                }
                Op::Undo(s) => {
                    prop_assert_eq!(outcome(store.undo(&staff(s))), model.undo(s));
                }
                Op::Redo(s) => {
                    prop_assert_eq!(outcome(store.redo(&staff(s))), model.redo(s));
                }
            }
        }
        let got: BTreeMap<String, DecisionKind> = store
            .current()
            .expect("current")
            .into_iter()
            .map(|c| (c.seller_id, c.kind))
            .collect();
        let want: BTreeMap<String, DecisionKind> = model
            .pairs
            .iter()
            .filter_map(|(&p, k)| Some((seller(p), (*k)?)))
            .collect();
        prop_assert_eq!(got, want);
    }
}
