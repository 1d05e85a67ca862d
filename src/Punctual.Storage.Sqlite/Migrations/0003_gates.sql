-- Gates: named ones (declared with limits), host gates (one per target host, limits from the 'defaults' row) and the
-- 'defaults' row itself. A gate's state (token bucket, adaptive rate, Retry-After hold) is updated inside claims.
CREATE TABLE gates (
    name            TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL,            -- named | host | defaults
    rate_per_s      REAL    NULL,                -- limits: NULL for host gates (they take the defaults row's)
    burst           INTEGER NULL,
    concurrency     INTEGER NULL,
    adaptive        INTEGER NULL,
    floor_per_s     REAL    NULL,
    paused          INTEGER NOT NULL DEFAULT 0,
    tokens          REAL    NULL,                -- state: NULL until the gate first released work
    state_at        INTEGER NULL,
    effective_rate  REAL    NULL,
    held_until      INTEGER NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- The gate each job's runs go through (a named gate or 'host:<host>'); NULL for jobs created before gates.
ALTER TABLE jobs ADD COLUMN gate TEXT NULL;

-- The gate a run goes through, fixed when it is created (and moved when its job changes gate); NULL: ungated.
ALTER TABLE runs ADD COLUMN gate TEXT NULL;

-- Claims per gate: its due runs in due order, and its runs in flight (concurrency caps).
CREATE INDEX runs_gate_due ON runs (gate, due_at) WHERE state IN ('pending', 'failed');
CREATE INDEX runs_gate_running ON runs (gate) WHERE state = 'running';
CREATE INDEX jobs_gate ON jobs (gate);

-- Claims of runs without a gate (created before gates), without walking past gated backlogs.
CREATE INDEX runs_ungated_due ON runs (due_at) WHERE state IN ('pending', 'failed') AND gate IS NULL;
