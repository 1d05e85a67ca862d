-- Monitors: heartbeats for work that runs elsewhere, found by name or by the SHA-256 hash of their ping token.

CREATE TABLE monitors (
    name              TEXT    PRIMARY KEY,
    spec_json         TEXT    NOT NULL,
    token_hash        TEXT    NOT NULL UNIQUE,   -- hex SHA-256 of the ping token; the token is never stored
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    last_ping_at      INTEGER NULL,
    last_start_at     INTEGER NULL,
    last_success_at   INTEGER NULL,
    last_fail_at      INTEGER NULL,
    last_exit_status  INTEGER NULL,
    last_duration_ms  INTEGER NULL
);

-- Each monitor's newest pings (the store keeps a bounded number per monitor).
CREATE TABLE monitor_pings (
    id           INTEGER PRIMARY KEY,
    monitor      TEXT    NOT NULL REFERENCES monitors (name) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,               -- start | success | fail
    at           INTEGER NOT NULL,
    exit_status  INTEGER NULL,
    duration_ms  INTEGER NULL,
    output       TEXT    NULL
);

CREATE INDEX monitor_pings_monitor ON monitor_pings (monitor, id);
