//! Undo and redo through the log: per staff member, standard stack semantics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use matchslate::model::DecisionKind;
use matchslate::store::{LogAction, NewDecision, Store, Verdict as Action};
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
        .id
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

    let u1 = store.undo("ann").expect("undo").expect("something to undo");
    assert_eq!(
        (u1.action, u1.reverts, u1.kind),
        (LogAction::Undo, Some(reject), Some(DecisionKind::Accepted))
    );
    let u2 = store.undo("ann").expect("undo").expect("something to undo");
    assert_eq!((u2.reverts, u2.kind), (Some(accept), None));
    assert!(store.current().expect("current").is_empty());
    // Past the beginning.
    assert_eq!(store.undo("ann").expect("undo"), None);

    let r1 = store.redo("ann").expect("redo").expect("something to redo");
    assert_eq!(
        (r1.action, r1.reverts, r1.kind),
        (LogAction::Redo, Some(u2.id), Some(DecisionKind::Accepted))
    );
    let r2 = store.redo("ann").expect("redo").expect("something to redo");
    assert_eq!(
        (r2.reverts, r2.kind),
        (Some(u1.id), Some(DecisionKind::Rejected))
    );
    assert_eq!(store.redo("ann").expect("redo"), None);

    // A redone action can be undone again.
    store.undo("ann").expect("undo").expect("something to undo");
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

    store.undo("ann").expect("undo").expect("something to undo");
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
    store.undo("ann").expect("undo").expect("something to undo");
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
    store.undo("ann").expect("undo").expect("something to undo");
    record(&store, "S2", "B1", Action::Reject, "ann");
    assert_eq!(store.redo("ann").expect("redo"), None);
    // Undo now takes back the new decision, and then nothing more: the
    // first one was already undone.
    store.undo("ann").expect("undo").expect("something to undo");
    assert_eq!(store.undo("ann").expect("undo"), None);
    assert!(store.current().expect("current").is_empty());
}

#[test]
fn undo_touches_only_that_staff_members_actions() {
    let (_dir, store) = fresh();
    record(&store, "S1", "B1", Action::Accept, "ann");
    record(&store, "S2", "B2", Action::Reject, "bo");
    record(&store, "S3", "B3", Action::Accept, "bo");

    let undone = store.undo("ann").expect("undo").expect("something to undo");
    assert_eq!(
        (undone.seller_id.as_str(), undone.staff.as_str()),
        ("S1", "ann")
    );
    assert_eq!(kind_of(&store, "S1", "B1"), None);
    assert_eq!(kind_of(&store, "S2", "B2"), Some(DecisionKind::Rejected));
    assert_eq!(kind_of(&store, "S3", "B3"), Some(DecisionKind::Accepted));
    assert_eq!(store.undo("ann").expect("undo"), None);

    // Bo's stacks are his own: nothing to redo, and his undo takes his
    // latest action.
    assert_eq!(store.redo("bo").expect("redo"), None);
    store.undo("bo").expect("undo").expect("something to undo");
    assert_eq!(kind_of(&store, "S3", "B3"), None);
    assert_eq!(kind_of(&store, "S2", "B2"), Some(DecisionKind::Rejected));
    // Someone who never decided anything has nothing to undo.
    assert_eq!(store.undo("cy").expect("undo"), None);
    assert_eq!(store.redo("cy").expect("redo"), None);
}

#[test]
fn undo_restores_the_state_before_the_action_even_over_others_changes() {
    let (_dir, store) = fresh();
    record(&store, "S1", "B1", Action::Accept, "ann");
    record(&store, "S1", "B1", Action::Reject, "bo");
    // Ann's undo puts the pair back as it was before her accept; Bo's
    // reject is still in the log for anyone auditing.
    store.undo("ann").expect("undo").expect("something to undo");
    assert_eq!(kind_of(&store, "S1", "B1"), None);
    let log = store.log().expect("log");
    assert_eq!(log[1].kind, Some(DecisionKind::Rejected));
    assert_eq!(log[1].staff, "bo");
}

type State = Option<DecisionKind>;

/// An independent model: each staff member has command stacks holding the
/// pair's state before and after the command, captured when it ran.
#[derive(Default)]
struct Model {
    pairs: BTreeMap<u8, State>,
    /// Per staff: (pair, state before, state after).
    undo: BTreeMap<u8, Vec<(u8, State, State)>>,
    /// Per staff: (pair, state to re-apply).
    redo: BTreeMap<u8, Vec<(u8, State)>>,
}

impl Model {
    fn state(&self, pair: u8) -> State {
        self.pairs.get(&pair).copied().flatten()
    }

    fn decide(&mut self, staff: u8, pair: u8, after: State) {
        let before = self.state(pair);
        self.pairs.insert(pair, after);
        self.undo
            .entry(staff)
            .or_default()
            .push((pair, before, after));
        self.redo.entry(staff).or_default().clear();
    }

    fn undo(&mut self, staff: u8) -> Option<State> {
        let (pair, before, after) = self.undo.entry(staff).or_default().pop()?;
        self.pairs.insert(pair, before);
        self.redo.entry(staff).or_default().push((pair, after));
        Some(before)
    }

    fn redo(&mut self, staff: u8) -> Option<State> {
        let (pair, after) = self.redo.entry(staff).or_default().pop()?;
        let before = self.state(pair);
        self.pairs.insert(pair, after);
        self.undo
            .entry(staff)
            .or_default()
            .push((pair, before, after));
        Some(after)
    }
}

#[derive(Debug, Clone)]
enum Op {
    Decide(u8, u8, Action),
    Undo(u8),
    Redo(u8),
}

fn op() -> impl Strategy<Value = Op> {
    let action = prop_oneof![
        Just(Action::Accept),
        Just(Action::Reject),
        Just(Action::Clear),
        (0usize..3, 0u32..2).prop_map(|(slot, table)| Action::Lock { slot, table }),
    ];
    prop_oneof![
        3 => (0u8..2, 0u8..3, action).prop_map(|(s, p, a)| Op::Decide(s, p, a)),
        2 => (0u8..2).prop_map(Op::Undo),
        1 => (0u8..2).prop_map(Op::Redo),
    ]
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
                    record(&store, &seller(p), "B", action, &staff(s));
                    model.decide(s, p, action.kind());
                }
                Op::Undo(s) => {
                    let got = store.undo(&staff(s)).expect("undo").map(|e| e.kind);
                    prop_assert_eq!(got, model.undo(s));
                }
                Op::Redo(s) => {
                    let got = store.redo(&staff(s)).expect("redo").map(|e| e.kind);
                    prop_assert_eq!(got, model.redo(s));
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
