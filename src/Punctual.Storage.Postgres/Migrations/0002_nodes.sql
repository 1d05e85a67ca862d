-- The processes serving this store: one row per node identity (new at every start), refreshed by heartbeats.
CREATE TABLE nodes (
    id                 text        PRIMARY KEY,
    host               text        NOT NULL,
    version            text        NOT NULL,
    started_at         timestamptz NOT NULL,
    last_heartbeat_at  timestamptz NOT NULL,
    in_flight          integer     NOT NULL,
    stopped_at         timestamptz NULL
);

CREATE INDEX nodes_last_heartbeat ON nodes (last_heartbeat_at);
