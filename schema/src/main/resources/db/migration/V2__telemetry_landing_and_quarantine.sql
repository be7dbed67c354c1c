-- Landing tables: what devices sent, once each. (device_id, seq) is the idempotency key; the
-- device time is part of each primary key only because a TimescaleDB hypertable needs its time
-- column in every unique index. A duplicate carries the same device time (it is the same
-- envelope), so the key still collapses it, and every writer uses ON CONFLICT DO NOTHING.

CREATE TABLE vehicle_batch (
    device_id      text        NOT NULL,
    seq            bigint      NOT NULL,
    device_time    timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    sample_rate_hz integer     NOT NULL,
    sample_count   integer     NOT NULL,
    fix_count      integer     NOT NULL,
    -- First GPS fix of the batch, degrees; speed in km/h.
    lat            double precision,
    lon            double precision,
    speed_kmh      real,
    -- The envelope as received, for replay and re-processing.
    payload        bytea       NOT NULL,
    PRIMARY KEY (device_id, seq, device_time)
);
CREATE INDEX vehicle_batch_time ON vehicle_batch (device_time DESC);

CREATE TABLE camera_candidate (
    device_id      text        NOT NULL,
    seq            bigint      NOT NULL,
    idx            integer     NOT NULL,
    device_time    timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    lat            double precision NOT NULL,
    lon            double precision NOT NULL,
    defect_type    text        NOT NULL,
    confidence     real        NOT NULL,
    length_mm      integer,
    width_mm       integer,
    depth_mm       integer,
    PRIMARY KEY (device_id, seq, idx, device_time)
);

CREATE TABLE gauge_reading (
    gauge_id       text        NOT NULL,
    seq            bigint      NOT NULL,
    device_time    timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    level_mm       integer     NOT NULL,
    rainfall_mm    real,
    battery_mv     integer,
    interval_s     integer     NOT NULL,
    PRIMARY KEY (gauge_id, seq, device_time)
);
CREATE INDEX gauge_reading_gauge_time ON gauge_reading (gauge_id, device_time DESC);

-- Everything that was refused, with the reason and the raw bytes (capped). The id is derived
-- from the message itself so that a replay after a crash does not record a reject twice.
CREATE TABLE quarantine (
    quarantine_id  text        PRIMARY KEY,
    received_at    timestamptz NOT NULL,
    topic          text        NOT NULL,
    device_id      text,
    seq            bigint,
    -- Machine-readable reason code, see io.roadchief.ingest.validation.RejectReason.
    reason         text        NOT NULL,
    detail         text        NOT NULL,
    raw            bytea       NOT NULL,
    raw_size       integer     NOT NULL
);
CREATE INDEX quarantine_reason_time ON quarantine (reason, received_at DESC);
