-- Gates: named ones (declared with limits), host gates (one per target host, limits from the 'defaults' row) and the
-- 'defaults' row itself. A gate's state (token bucket, adaptive rate, Retry-After hold) is updated inside claims,
-- with the gate's row locked, so its limits hold across every node.
CREATE TABLE gates (
    name            text             PRIMARY KEY,
    kind            text             NOT NULL,   -- named | host | defaults
    rate_per_s      double precision NULL,       -- limits: NULL for host gates (they take the defaults row's)
    burst           integer          NULL,
    concurrency     integer          NULL,
    adaptive        boolean          NULL,
    floor_per_s     double precision NULL,
    paused          boolean          NOT NULL DEFAULT false,
    tokens          double precision NULL,       -- state: NULL until the gate first released work
    state_at        timestamptz      NULL,
    effective_rate  double precision NULL,
    held_until      timestamptz      NULL,
    created_at      timestamptz      NOT NULL,
    updated_at      timestamptz      NOT NULL
);

-- The gate each job's runs go through (a named gate or 'host:<host>'); NULL for jobs created before gates. The
-- foreign key settles races between a job naming a gate and the gate's deletion on another node.
ALTER TABLE jobs ADD COLUMN gate text NULL REFERENCES gates (name);

-- The gate a run goes through, fixed when it is created (and moved when its job changes gate); NULL: ungated. A
-- deleted gate leaves its runs ungated rather than unclaimable (deletion refuses gates with waiting runs).
ALTER TABLE runs ADD COLUMN gate text NULL REFERENCES gates (name) ON DELETE SET NULL;

-- Claims per gate: its due runs in due order, and its runs in flight (concurrency caps).
CREATE INDEX runs_gate_due ON runs (gate, due_at, id) WHERE state IN ('pending', 'failed');
CREATE INDEX runs_gate_running ON runs (gate) WHERE state = 'running';
CREATE INDEX jobs_gate ON jobs (gate);

-- Claims of runs without a gate (created before gates), without walking past gated backlogs.
CREATE INDEX runs_ungated_due ON runs (due_at, id) WHERE state IN ('pending', 'failed') AND gate IS NULL;
