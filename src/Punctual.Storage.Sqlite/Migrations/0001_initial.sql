-- Punctual's first schema. Instants are INTEGER unix milliseconds (UTC); booleans are INTEGER 0/1;
-- run states and origins are their lower-case names.

CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    spec_json     TEXT    NOT NULL,
    paused        INTEGER NOT NULL DEFAULT 0,
    next_fire_at  INTEGER NULL,
    next_due_at   INTEGER NULL,
    runs_counted  INTEGER NOT NULL DEFAULT 0,
    missed_fires  INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- The planner's only question: which unpaused jobs are due, oldest first.
CREATE INDEX jobs_due ON jobs (next_due_at) WHERE paused = 0 AND next_due_at IS NOT NULL;

CREATE TABLE runs (
    id                INTEGER PRIMARY KEY,
    job_id            INTEGER NULL REFERENCES jobs (id) ON DELETE CASCADE,
    origin            TEXT    NOT NULL,
    scheduled_for     INTEGER NOT NULL,
    due_at            INTEGER NOT NULL,
    state             TEXT    NOT NULL,
    idempotency_key   TEXT    NOT NULL,
    task_key          TEXT    NULL,
    task_spec         TEXT    NULL,
    body_override     TEXT    NULL,
    period            TEXT    NULL,
    exclusive         INTEGER NOT NULL,
    attempt_count     INTEGER NOT NULL DEFAULT 0,
    attempt_base      INTEGER NOT NULL DEFAULT 0,
    fire_count        INTEGER NOT NULL DEFAULT 1,
    lease_owner       TEXT    NULL,
    lease_expires_at  INTEGER NULL,
    deadline_at       INTEGER NULL,
    reason            TEXT    NULL,
    last_status_code  INTEGER NULL,
    last_error_class  TEXT    NULL,
    created_at        INTEGER NOT NULL,
    started_at        INTEGER NULL,
    finished_at       INTEGER NULL,
    updated_at        INTEGER NOT NULL
);

-- Exactly-once materialization: one run per (job, nominal fire time). Manual runs and tasks are outside it.
CREATE UNIQUE INDEX runs_fire_identity ON runs (job_id, scheduled_for) WHERE origin IN ('schedule', 'backfill');

-- Task deduplication by key.
CREATE UNIQUE INDEX runs_task_key ON runs (task_key) WHERE task_key IS NOT NULL;

-- Claims: waiting runs in due order.
CREATE INDEX runs_claimable ON runs (due_at) WHERE state IN ('pending', 'failed');

-- Active-run counts per job (overlap) and "is a run of this job running?" (exclusive claims).
CREATE INDEX runs_job_state ON runs (job_id, state);

-- A job's newest run, and run listings by job.
CREATE INDEX runs_job_id ON runs (job_id, id);

-- Run listings by state.
CREATE INDEX runs_state_id ON runs (state, id);

-- The lease reaper.
CREATE INDEX runs_lease_expiry ON runs (lease_expires_at) WHERE state = 'running';

-- The pruner.
CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;

-- once_per: has this period of this job already succeeded?
CREATE INDEX runs_period_succeeded ON runs (job_id, period) WHERE state = 'succeeded' AND period IS NOT NULL;

CREATE TABLE attempts (
    run_id            INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    number            INTEGER NOT NULL,
    node              TEXT    NOT NULL,
    started_at        INTEGER NOT NULL,
    finished_at       INTEGER NULL,
    outcome           TEXT    NULL,
    status_code       INTEGER NULL,
    error_class       TEXT    NULL,
    error             TEXT    NULL,
    response_excerpt  TEXT    NULL,
    PRIMARY KEY (run_id, number)
);

CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    prefix      TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE,
    scope       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER NULL
);
