-- Waterlogging: gauge configuration, current risk state, alerts.

CREATE TABLE gauge (
    gauge_id      text PRIMARY KEY CHECK (gauge_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    name_zh       text NOT NULL,
    name_en       text NOT NULL,
    -- 'road_ponding' (depth over the carriageway) | 'drain' (level in a drain, vs. rim and crown)
    kind          text NOT NULL CHECK (kind IN ('road_ponding', 'drain')),
    lat           double precision NOT NULL,
    lon           double precision NOT NULL,
    segment_id    text,
    district_code text,
    interval_s    integer NOT NULL DEFAULT 60,
    -- Measuring range of the instrument, mm: readings outside it are impossible values.
    range_mm      integer NOT NULL DEFAULT 3000,
    -- Drain gauges: heights above the invert, mm.
    rim_mm        integer,
    crown_mm      integer,
    -- Thresholds (mm, same datum as level_mm). Defaults follow GB 50014 (15 cm in one lane).
    blue_mm       integer NOT NULL DEFAULT 50,
    yellow_mm     integer NOT NULL DEFAULT 150,
    orange_mm     integer NOT NULL DEFAULT 300,
    red_mm        integer NOT NULL DEFAULT 500,
    CHECK (blue_mm < yellow_mm AND yellow_mm < orange_mm AND orange_mm < red_mm)
);

-- Latest computed state per gauge, upserted by the water job; what the duty page shows.
CREATE TABLE gauge_state (
    gauge_id      text PRIMARY KEY,
    at            timestamptz NOT NULL,
    level_mm      integer NOT NULL,
    smoothed_mm   real    NOT NULL,
    rise_mm_min   real    NOT NULL,
    -- 'normal' | 'blue' | 'yellow' | 'orange' | 'red'
    risk_level    text    NOT NULL,
    -- Seconds until the next threshold at the current rate of rise; NULL when not rising.
    eta_next_s    integer,
    -- 'ok' | 'offline' | 'stuck' | 'noisy' | 'low_battery'
    health        text    NOT NULL DEFAULT 'ok',
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Every alert raised: water risk changes, gauge health, ticket SLA warnings and breaches.
CREATE TABLE alert (
    -- Derived from (kind, source, event time) so that a replay does not raise it twice.
    alert_id      text        NOT NULL,
    raised_at     timestamptz NOT NULL,
    kind          text        NOT NULL,
    source_id     text        NOT NULL,
    level         text,
    message_zh    text        NOT NULL,
    message_en    text        NOT NULL,
    detail        text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (alert_id, raised_at)
);
CREATE INDEX alert_source_time ON alert (source_id, raised_at DESC);
CREATE INDEX alert_time ON alert (raised_at DESC);
