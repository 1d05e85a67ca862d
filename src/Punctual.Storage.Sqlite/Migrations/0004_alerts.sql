-- Alerts: channels (where alerts go), incidents (one open per cause) and the delivery outbox.

CREATE TABLE channels (
    name        TEXT    PRIMARY KEY,
    spec_json   TEXT    NOT NULL,                -- canonical definition; secrets stay ${env:NAME} references
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE incidents (
    id             INTEGER PRIMARY KEY,
    cause          TEXT    NOT NULL,             -- job:<name>:dead | job:<name>:missed | job:<name>:slow | monitor:<name>
    kind           TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    summary        TEXT    NOT NULL,
    detail         TEXT    NULL,
    channels       TEXT    NOT NULL,             -- JSON list of channel names
    opened_at      INTEGER NOT NULL,
    last_alert_at  INTEGER NOT NULL,
    next_alert_at  INTEGER NULL,                 -- re-alert time; NULL: never (or closed)
    repeat_ms      INTEGER NULL,
    alerts         INTEGER NOT NULL DEFAULT 1,
    closed_at      INTEGER NULL,
    resolution     TEXT    NULL
);

-- One open incident per cause: the guard that makes opening idempotent across passes and nodes.
CREATE UNIQUE INDEX incidents_open_cause ON incidents (cause) WHERE closed_at IS NULL;
CREATE INDEX incidents_opened ON incidents (opened_at);

CREATE TABLE alert_deliveries (
    id                INTEGER PRIMARY KEY,
    incident_id       INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    channel           TEXT    NOT NULL,
    event             TEXT    NOT NULL,          -- opened | repeat | resolved
    summary           TEXT    NOT NULL,
    state             TEXT    NOT NULL,          -- pending | sent | failed
    attempts          INTEGER NOT NULL DEFAULT 0,
    due_at            INTEGER NOT NULL,
    lease_owner       TEXT    NULL,
    lease_expires_at  INTEGER NULL,
    last_error        TEXT    NULL,
    created_at        INTEGER NOT NULL,
    sent_at           INTEGER NULL
);

-- The sender's question: which pending deliveries are due.
CREATE INDEX alert_deliveries_due ON alert_deliveries (due_at) WHERE state = 'pending';
CREATE INDEX alert_deliveries_incident ON alert_deliveries (incident_id);

-- The alerter's question: which jobs have an alert block (the canonical spec writes it exactly so).
CREATE INDEX jobs_alerting ON jobs (name) WHERE spec_json LIKE '%"alert":{%';
