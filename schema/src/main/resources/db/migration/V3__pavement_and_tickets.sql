-- Roughness, defects and the repair tickets made from them.

-- One vehicle's pass over one segment: the roughness sample the 坦途指数 is built from.
CREATE TABLE segment_pass (
    segment_id     text        NOT NULL,
    device_id      text        NOT NULL,
    pass_start     timestamptz NOT NULL,
    pass_end       timestamptz NOT NULL,
    vehicle_class  text,
    mean_speed_kmh real        NOT NULL,
    -- International Roughness Index estimate, m/km; NULL when the pass was too slow to judge.
    iri_m_km       real,
    sample_count   integer     NOT NULL,
    PRIMARY KEY (segment_id, device_id, pass_start)
);
CREATE INDEX segment_pass_time ON segment_pass (pass_start DESC);

-- One vehicle's detection of one defect on one pass.
CREATE TABLE defect_detection (
    device_id      text        NOT NULL,
    detected_at    timestamptz NOT NULL,
    segment_id     text,
    lat            double precision NOT NULL,
    lon            double precision NOT NULL,
    defect_type    text        NOT NULL,
    -- 'severe' | 'moderate' | 'minor'
    severity       text        NOT NULL,
    confidence     real        NOT NULL,
    -- 'accelerometer' | 'camera' | 'fused'
    source         text        NOT NULL,
    speed_kmh      real,
    peak_acc_g     real,
    depth_mm_est   integer,
    length_m_est   real,
    defect_id      text,
    PRIMARY KEY (device_id, detected_at)
);
CREATE INDEX defect_detection_defect ON defect_detection (defect_id);

-- A defect: detections from several passes clustered within a few metres.
CREATE TABLE defect (
    defect_id      text        PRIMARY KEY,
    segment_id     text,
    lat            double precision NOT NULL,
    lon            double precision NOT NULL,
    defect_type    text        NOT NULL,
    severity       text        NOT NULL,
    first_seen     timestamptz NOT NULL,
    last_seen      timestamptz NOT NULL,
    detection_count integer    NOT NULL,
    vehicle_count  integer     NOT NULL,
    -- 'candidate' | 'confirmed' | 'repaired'
    status         text        NOT NULL
);

CREATE TABLE ticket (
    ticket_id      text        PRIMARY KEY,
    defect_id      text        NOT NULL UNIQUE,
    segment_id     text,
    road_name_zh   text,
    road_name_en   text,
    district_code  text,
    lat            double precision NOT NULL,
    lon            double precision NOT NULL,
    defect_type    text        NOT NULL,
    severity       text        NOT NULL,
    title_zh       text        NOT NULL,
    title_en       text        NOT NULL,
    status         text        NOT NULL CHECK (status IN
        ('open', 'assigned', 'acknowledged', 'in_repair', 'repaired', 'verified', 'reopened', 'unverified')),
    crew_id        text,
    confirmed_at   timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    warn_at        timestamptz NOT NULL,
    warned_at      timestamptz,
    breached_at    timestamptz,
    repaired_at    timestamptz,
    closed_at      timestamptz,
    evidence_count integer     NOT NULL DEFAULT 1,
    repair_note    text,
    repair_photo_url text,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_crew_status ON ticket (crew_id, status, due_at);
CREATE INDEX ticket_district_status ON ticket (district_code, status, due_at);

-- Audit trail: every transition of every ticket, who did it, when and why.
CREATE TABLE ticket_event (
    event_id       bigserial   PRIMARY KEY,
    ticket_id      text        NOT NULL REFERENCES ticket,
    at             timestamptz NOT NULL,
    kind           text        NOT NULL,
    actor          text        NOT NULL,
    from_status    text,
    to_status      text,
    reason         text,
    detail         text,
    -- Makes machine-made events (opened, warned, breached, verified...) idempotent on replay.
    dedup_key      text        UNIQUE
);
CREATE INDEX ticket_event_ticket ON ticket_event (ticket_id, at);
