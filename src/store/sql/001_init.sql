-- cotejo project schema, version 1.
-- Released migrations are never edited: changes go into a new NNN_*.sql file.
-- Times are Unix milliseconds (UTC). Enumerations are stored by their lowercase names.
-- revision, state_log and note rows are never deleted: "current" is derived from the newest row.

CREATE TABLE project (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    title       TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    created     INTEGER NOT NULL
);

CREATE TABLE document (
    id           INTEGER PRIMARY KEY,
    side         TEXT NOT NULL CHECK (side IN ('source', 'target')),
    file_name    TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    imported     INTEGER NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX document_side ON document (side, id);

CREATE TABLE paragraph (
    id       INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES document (id),
    idx      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    text     TEXT NOT NULL,
    UNIQUE (document, idx)
);

-- One alignment bead = one pair. Paragraph ranges are half-open [start, end) indices into the
-- current source and target documents.
CREATE TABLE pair (
    id           INTEGER PRIMARY KEY,
    ord          INTEGER NOT NULL,
    source_start INTEGER NOT NULL,
    source_end   INTEGER NOT NULL,
    target_start INTEGER NOT NULL,
    target_end   INTEGER NOT NULL,
    confidence   REAL NOT NULL,
    confirmed    INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1))
);
CREATE INDEX pair_ord ON pair (ord);

CREATE TABLE revision (
    id      INTEGER PRIMARY KEY,
    pair    INTEGER NOT NULL REFERENCES pair (id),
    parent  INTEGER REFERENCES revision (id),
    kind    TEXT NOT NULL CHECK (kind IN ('imported', 'edit', 'reimport', 'revert')),
    text    TEXT NOT NULL,
    author  TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE INDEX revision_pair ON revision (pair, id);

-- A pair with no row here is a draft.
CREATE TABLE state_log (
    id       INTEGER PRIMARY KEY,
    pair     INTEGER NOT NULL REFERENCES pair (id),
    old      TEXT NOT NULL CHECK (old IN ('draft', 'translated', 'reviewed', 'approved', 'rejected')),
    new      TEXT NOT NULL CHECK (new IN ('draft', 'translated', 'reviewed', 'approved', 'rejected')),
    revision INTEGER NOT NULL REFERENCES revision (id),
    author   TEXT NOT NULL,
    created  INTEGER NOT NULL
);
CREATE INDEX state_log_pair ON state_log (pair, id);

-- pair NULL: a note on the whole document of `side`.
CREATE TABLE note (
    id          INTEGER PRIMARY KEY,
    pair        INTEGER REFERENCES pair (id),
    side        TEXT NOT NULL CHECK (side IN ('source', 'target')),
    span_start  INTEGER,
    span_end    INTEGER,
    span_quote  TEXT,
    span_before TEXT,
    span_after  TEXT,
    revision    INTEGER REFERENCES revision (id),
    author      TEXT NOT NULL,
    created     INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    category    TEXT NOT NULL,
    severity    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    parent      INTEGER REFERENCES note (id),
    body        TEXT NOT NULL,
    removed     INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1))
);
CREATE INDEX note_pair ON note (pair, id);

-- The undo and redo stacks: the newest row of a stack is its top. `edit` and `inverse` are
-- core::Edit values as JSON.
CREATE TABLE undo_step (
    id      INTEGER PRIMARY KEY,
    stack   TEXT NOT NULL CHECK (stack IN ('undo', 'redo')),
    edit    TEXT NOT NULL,
    inverse TEXT NOT NULL,
    author  TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE INDEX undo_step_stack ON undo_step (stack, id);
