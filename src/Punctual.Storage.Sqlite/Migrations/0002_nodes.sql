-- The processes serving this store: one row per node identity (new at every start), refreshed by heartbeats.
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    version TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    last_heartbeat_at INTEGER NOT NULL,
    in_flight INTEGER NOT NULL,
    stopped_at INTEGER NULL
);

CREATE INDEX nodes_last_heartbeat ON nodes (last_heartbeat_at);
