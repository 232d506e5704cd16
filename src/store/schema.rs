//! The store's schema as numbered migration steps. Step `i` takes the
//! database from `user_version` `i` to `i + 1`. Append new steps; never edit
//! a released one, since databases in the field already ran it.

/// The triggers that keep a published version's rows in `table` (keyed
/// by `version`) immutable; one text for every table that holds them.
macro_rules! frozen_with_version {
    ($table:literal) => {
        concat!(
            "\n    CREATE TRIGGER ", $table, "_insert_frozen BEFORE INSERT ON ", $table,
            "\n    WHEN (SELECT published_at FROM slate_version WHERE id = NEW.version) IS NOT NULL",
            "\n    BEGIN SELECT RAISE(ABORT, 'a published slate version is immutable'); END;",
            "\n    CREATE TRIGGER ", $table, "_update_frozen BEFORE UPDATE ON ", $table,
            "\n    WHEN (SELECT published_at FROM slate_version WHERE id = OLD.version) IS NOT NULL",
            "\n    BEGIN SELECT RAISE(ABORT, 'a published slate version is immutable'); END;",
            "\n    CREATE TRIGGER ", $table, "_delete_frozen BEFORE DELETE ON ", $table,
            "\n    WHEN (SELECT published_at FROM slate_version WHERE id = OLD.version) IS NOT NULL",
            "\n    BEGIN SELECT RAISE(ABORT, 'a published slate version is immutable'); END;",
        )
    };
}

pub(crate) const MIGRATIONS: &[&str] = &[
    // Version 1: the append-only decision log. Each row records the state the
    // pair is in *after* the row (kind, slot, table_no, note), so the current
    // state is simply the latest row per pair, and undo/redo rows are plain
    // rows too. `action` says why the row exists; `reverts_id` links an undo
    // row to the row it undid, and a redo row to the undo it reversed.
    "CREATE TABLE decision_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        action     TEXT    NOT NULL CHECK (action IN ('decide', 'note', 'undo', 'redo')),
        seller_id  TEXT    NOT NULL CHECK (length(seller_id) > 0),
        buyer_id   TEXT    NOT NULL CHECK (length(buyer_id) > 0),
        kind       TEXT    NOT NULL CHECK (kind IN ('accepted', 'rejected', 'locked', 'clear')),
        slot       INTEGER CHECK (slot >= 0),
        table_no   INTEGER CHECK (table_no >= 0),
        staff      TEXT    NOT NULL CHECK (length(staff) > 0),
        at         TEXT    NOT NULL,
        note       TEXT,
        reverts_id INTEGER REFERENCES decision_log (id),
        CHECK ((kind = 'locked') = (slot IS NOT NULL AND table_no IS NOT NULL)),
        CHECK (kind = 'locked' OR (slot IS NULL AND table_no IS NULL)),
        CHECK ((action IN ('undo', 'redo')) = (reverts_id IS NOT NULL))
    );
    CREATE INDEX decision_log_pair ON decision_log (seller_id, buyer_id, id);
    CREATE INDEX decision_log_staff ON decision_log (staff, id);",
    // Version 2:
    // - Locks by day and start time (`lock_date`, `lock_start`), so that a
    //   change of slot length cannot silently move a lock; `slot` stays as
    //   the slot index when the lock was made. Rows of version 1 get their
    //   day and time filled in the first time the store is opened with the
    //   event's slots (see `calendar`).
    // - `step`: rows written together (a swap is two locks) share the id of
    //   the step's first row and are undone as one; NULL for a one-row step.
    // - Slate versions: one `slate_version` row and its `slate_meeting` rows
    //   per saved slate, written in one transaction. Triggers keep published
    //   versions immutable and every version undeletable.
    concat!(
        "ALTER TABLE decision_log ADD COLUMN lock_date TEXT;
    ALTER TABLE decision_log ADD COLUMN lock_start TEXT;
    ALTER TABLE decision_log ADD COLUMN step INTEGER REFERENCES decision_log (id);
    CREATE TABLE slate_version (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        made_at          TEXT    NOT NULL,
        staff            TEXT    NOT NULL CHECK (length(staff) > 0),
        origin           TEXT    NOT NULL CHECK (origin IN ('schedule', 'desk', 'rollback')),
        log_position     INTEGER NOT NULL CHECK (log_position >= 0),
        params           TEXT    NOT NULL,
        seed             TEXT    NOT NULL,
        figures          TEXT    NOT NULL,
        meeting_count    INTEGER NOT NULL CHECK (meeting_count >= 0),
        rolled_back_from INTEGER REFERENCES slate_version (id),
        amended_at       TEXT,
        published_at     TEXT,
        published_by     TEXT,
        publish_note     TEXT,
        CHECK ((published_at IS NULL) = (published_by IS NULL))
    );
    CREATE TABLE slate_meeting (
        version     INTEGER NOT NULL REFERENCES slate_version (id),
        seller_id   TEXT    NOT NULL,
        buyer_id    TEXT    NOT NULL,
        date        TEXT    NOT NULL,
        start       TEXT    NOT NULL,
        end         TEXT    NOT NULL,
        table_no    INTEGER NOT NULL CHECK (table_no >= 0),
        score       REAL    NOT NULL,
        interpreter INTEGER NOT NULL CHECK (interpreter IN (0, 1)),
        status      TEXT    NOT NULL CHECK (status IN ('locked', 'accepted', 'proposed')),
        PRIMARY KEY (version, seller_id, buyer_id)
    ) WITHOUT ROWID;
    CREATE TRIGGER slate_version_no_delete BEFORE DELETE ON slate_version
    BEGIN SELECT RAISE(ABORT, 'slate versions are never deleted'); END;
    CREATE TRIGGER slate_version_published_frozen BEFORE UPDATE ON slate_version
    WHEN OLD.published_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a published slate version is immutable'); END;",
        frozen_with_version!("slate_meeting")
    ),
    // Version 3: staff-entered wishes (see `store::wishes`).
    super::wishes::MIGRATION,
    // Version 4: the summit day log (attendance and meeting outcomes).
    super::day::DAY_LOG_SQL,
    // Version 5: a version's meetings packed into one row (see
    // `versions::pack`): saving and reading 20,000 meetings is one write and
    // one read. Versions saved before keep their `slate_meeting` rows, which
    // are still read. The same triggers keep a published pack immutable.
    concat!(
        "CREATE TABLE slate_pack (
        version  INTEGER PRIMARY KEY REFERENCES slate_version (id),
        meetings BLOB    NOT NULL
    );",
        frozen_with_version!("slate_pack")
    ),
];

/// The schema version this build writes and understands.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
