-- Time-series features. With the timescaledb extension installed and preloaded: hypertables,
-- compression, retention and continuous aggregates (real-time, so always current). Without it:
-- the same relation names and columns as plain views, so every query RoadChief runs works on
-- both. An Apache-2-only build of TimescaleDB (timescaledb.license = 'apache', as some
-- distribution packages ship it) lacks compression, policies and continuous aggregates: it gets
-- the hypertables and the plain views. Buckets are aligned to local midnight in China (UTC+8)
-- and to Mondays for weeks; date_bin/time_bucket share the same origin so both paths give
-- identical buckets.
-- Continuous aggregates are created WITH NO DATA because Flyway runs this in a transaction;
-- their refresh policies fill them.

DO $migration$
DECLARE
    -- Preloaded means the timescaledb loader ran at server start; it then defines its own
    -- settings (pg_settings lists real settings, not placeholders from postgresql.conf). Asking
    -- this way works for an ordinary application role: shared_preload_libraries itself may only
    -- be read by superusers and pg_read_all_settings.
    has_timescale boolean :=
        EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')
        OR (EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
            AND EXISTS (SELECT 1 FROM pg_settings WHERE name = 'timescaledb.bgw_launcher_poll_time'));
    has_community boolean := false;
BEGIN
    IF has_timescale THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        has_community := coalesce(current_setting('timescaledb.license', true), '') = 'timescale';

        PERFORM create_hypertable('vehicle_batch',    by_range('device_time', INTERVAL '1 day'));
        PERFORM create_hypertable('camera_candidate', by_range('device_time', INTERVAL '7 days'));
        PERFORM create_hypertable('gauge_reading',    by_range('device_time', INTERVAL '7 days'));
        PERFORM create_hypertable('segment_pass',     by_range('pass_start',  INTERVAL '7 days'));
        PERFORM create_hypertable('defect_detection', by_range('detected_at', INTERVAL '30 days'));
        PERFORM create_hypertable('alert',            by_range('raised_at',   INTERVAL '30 days'));
    END IF;

    IF has_community THEN
        -- Compress well after the event-time lateness bound (minutes) and the HTTP back-fill
        -- window (days); TimescaleDB >= 2.11 still accepts ON CONFLICT DO NOTHING and DO UPDATE
        -- into compressed chunks, so a very late upload or a replay is not lost either
        -- (TimeSeriesStorageTest checks both).
        ALTER TABLE vehicle_batch SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id',
                                       timescaledb.compress_orderby = 'device_time DESC, seq');
        PERFORM add_compression_policy('vehicle_batch', INTERVAL '7 days');
        ALTER TABLE gauge_reading SET (timescaledb.compress, timescaledb.compress_segmentby = 'gauge_id',
                                       timescaledb.compress_orderby = 'device_time DESC, seq');
        PERFORM add_compression_policy('gauge_reading', INTERVAL '30 days');
        ALTER TABLE segment_pass SET (timescaledb.compress, timescaledb.compress_segmentby = 'segment_id');
        PERFORM add_compression_policy('segment_pass', INTERVAL '30 days');

        -- Raw accelerometer batches are bulky and re-derivable results are kept: 90 days raw.
        PERFORM add_retention_policy('vehicle_batch', INTERVAL '90 days');
        PERFORM add_retention_policy('camera_candidate', INTERVAL '90 days');

        EXECUTE $v$
            CREATE MATERIALIZED VIEW segment_roughness_daily
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT segment_id,
                   time_bucket(INTERVAL '1 day', pass_start, TIMESTAMPTZ '2000-01-03 00:00:00+08') AS bucket,
                   count(*) AS pass_count,
                   avg(iri_m_km)::double precision AS iri_mean,
                   avg(mean_speed_kmh)::double precision AS speed_mean
            FROM segment_pass WHERE iri_m_km IS NOT NULL
            GROUP BY segment_id, bucket
            WITH NO DATA $v$;
        EXECUTE $v$
            CREATE MATERIALIZED VIEW segment_roughness_weekly
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT segment_id,
                   time_bucket(INTERVAL '7 days', pass_start, TIMESTAMPTZ '2000-01-03 00:00:00+08') AS bucket,
                   count(*) AS pass_count,
                   avg(iri_m_km)::double precision AS iri_mean,
                   avg(mean_speed_kmh)::double precision AS speed_mean
            FROM segment_pass WHERE iri_m_km IS NOT NULL
            GROUP BY segment_id, bucket
            WITH NO DATA $v$;
        EXECUTE $v$
            CREATE MATERIALIZED VIEW gauge_level_hourly
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT gauge_id,
                   time_bucket(INTERVAL '1 hour', device_time, TIMESTAMPTZ '2000-01-03 00:00:00+08') AS bucket,
                   count(*) AS reading_count,
                   avg(level_mm)::double precision AS level_mean_mm,
                   min(level_mm) AS level_min_mm,
                   max(level_mm) AS level_max_mm,
                   sum(rainfall_mm)::double precision AS rainfall_mm
            FROM gauge_reading
            GROUP BY gauge_id, bucket
            WITH NO DATA $v$;
        EXECUTE $v$
            CREATE MATERIALIZED VIEW gauge_level_daily
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT gauge_id,
                   time_bucket(INTERVAL '1 day', device_time, TIMESTAMPTZ '2000-01-03 00:00:00+08') AS bucket,
                   count(*) AS reading_count,
                   avg(level_mm)::double precision AS level_mean_mm,
                   min(level_mm) AS level_min_mm,
                   max(level_mm) AS level_max_mm,
                   sum(rainfall_mm)::double precision AS rainfall_mm
            FROM gauge_reading
            GROUP BY gauge_id, bucket
            WITH NO DATA $v$;
        -- start_offset NULL: the refresh window reaches back to the oldest data. Rows below the
        -- watermark are read only from the materialization, so a bounded window would hide a
        -- replay of history or a late back-fill older than the window for good (the plain views
        -- show it at once). Refreshes only recompute invalidated buckets, so this stays cheap.
        -- end_offset keeps the current bucket real-time.
        PERFORM add_continuous_aggregate_policy('segment_roughness_daily',
            start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '10 minutes');
        PERFORM add_continuous_aggregate_policy('segment_roughness_weekly',
            start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');
        PERFORM add_continuous_aggregate_policy('gauge_level_hourly',
            start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes');
        PERFORM add_continuous_aggregate_policy('gauge_level_daily',
            start_offset => NULL, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');
    ELSE
        CREATE VIEW segment_roughness_daily AS
            SELECT segment_id,
                   date_bin(INTERVAL '1 day', pass_start, TIMESTAMPTZ '2000-01-03 00:00:00+08') AS bucket,
                   count(*) AS pass_count,
                   avg(iri_m_km)::double precision AS iri_mean,
                   avg(mean_speed_kmh)::double precision AS speed_mean
            FROM segment_pass WHERE iri_m_km IS NOT NULL
            GROUP BY 1, 2;
        CREATE VIEW segment_roughness_weekly AS
            SELECT segment_id,
                   date_bin(INTERVAL '7 days', pass_start, TIMESTAMPTZ '2000-01-03 00:00:00+08') AS bucket,
                   count(*) AS pass_count,
                   avg(iri_m_km)::double precision AS iri_mean,
                   avg(mean_speed_kmh)::double precision AS speed_mean
            FROM segment_pass WHERE iri_m_km IS NOT NULL
            GROUP BY 1, 2;
        CREATE VIEW gauge_level_hourly AS
            SELECT gauge_id,
                   date_bin(INTERVAL '1 hour', device_time, TIMESTAMPTZ '2000-01-03 00:00:00+08') AS bucket,
                   count(*) AS reading_count,
                   avg(level_mm)::double precision AS level_mean_mm,
                   min(level_mm) AS level_min_mm,
                   max(level_mm) AS level_max_mm,
                   sum(rainfall_mm)::double precision AS rainfall_mm
            FROM gauge_reading GROUP BY 1, 2;
        CREATE VIEW gauge_level_daily AS
            SELECT gauge_id,
                   date_bin(INTERVAL '1 day', device_time, TIMESTAMPTZ '2000-01-03 00:00:00+08') AS bucket,
                   count(*) AS reading_count,
                   avg(level_mm)::double precision AS level_mean_mm,
                   min(level_mm) AS level_min_mm,
                   max(level_mm) AS level_max_mm,
                   sum(rainfall_mm)::double precision AS rainfall_mm
            FROM gauge_reading GROUP BY 1, 2;
    END IF;
END
$migration$;

-- The 坦途指数 views are plain views over the aggregates on both paths.
-- Defects count toward a day while their ticket was open during it.
CREATE VIEW segment_index_daily AS
SELECT r.segment_id, r.bucket AS day, r.pass_count, r.iri_mean,
       d.severe_open, d.other_open,
       tantu_index(r.iri_mean, damage_ratio_pct(d.severe_open, d.other_open, s.length_m)) AS tantu_index,
       tantu_grade(tantu_index(r.iri_mean, damage_ratio_pct(d.severe_open, d.other_open, s.length_m))) AS grade
FROM segment_roughness_daily r
JOIN road_segment s USING (segment_id)
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE t.severity = 'severe') AS severe_open,
           count(*) FILTER (WHERE t.severity <> 'severe') AS other_open
    FROM ticket t
    WHERE t.segment_id = r.segment_id
      AND t.confirmed_at < r.bucket + INTERVAL '1 day'
      AND (t.closed_at IS NULL OR t.closed_at >= r.bucket)
) d;

CREATE VIEW segment_index_weekly AS
SELECT r.segment_id, r.bucket AS week, r.pass_count, r.iri_mean,
       d.severe_open, d.other_open,
       tantu_index(r.iri_mean, damage_ratio_pct(d.severe_open, d.other_open, s.length_m)) AS tantu_index,
       tantu_grade(tantu_index(r.iri_mean, damage_ratio_pct(d.severe_open, d.other_open, s.length_m))) AS grade
FROM segment_roughness_weekly r
JOIN road_segment s USING (segment_id)
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE t.severity = 'severe') AS severe_open,
           count(*) FILTER (WHERE t.severity <> 'severe') AS other_open
    FROM ticket t
    WHERE t.segment_id = r.segment_id
      AND t.confirmed_at < r.bucket + INTERVAL '7 days'
      AND (t.closed_at IS NULL OR t.closed_at >= r.bucket)
) d;

-- Monthly: pass-weighted over the daily rows of the calendar month (China time).
CREATE VIEW segment_index_monthly AS
SELECT segment_id,
       date_trunc('month', day AT TIME ZONE 'Asia/Shanghai')::date AS month,
       sum(pass_count) AS pass_count,
       sum(iri_mean * pass_count) / sum(pass_count) AS iri_mean,
       sum(tantu_index * pass_count) / sum(pass_count) AS tantu_index,
       tantu_grade(sum(tantu_index * pass_count) / sum(pass_count)) AS grade
FROM segment_index_daily
GROUP BY 1, 2;

-- Road and district: length-weighted means, and the share of length in each grade.
CREATE VIEW road_index_daily AS
SELECT s.road_id, i.day,
       sum(i.tantu_index * s.length_m) / sum(s.length_m) AS tantu_index,
       tantu_grade(sum(i.tantu_index * s.length_m) / sum(s.length_m)) AS grade,
       sum(s.length_m) AS measured_length_m,
       sum(s.length_m) FILTER (WHERE i.grade = 'excellent') / sum(s.length_m) AS share_excellent,
       sum(s.length_m) FILTER (WHERE i.grade = 'good')      / sum(s.length_m) AS share_good,
       sum(s.length_m) FILTER (WHERE i.grade = 'fair')      / sum(s.length_m) AS share_fair,
       sum(s.length_m) FILTER (WHERE i.grade = 'poor')      / sum(s.length_m) AS share_poor,
       sum(s.length_m) FILTER (WHERE i.grade = 'bad')       / sum(s.length_m) AS share_bad
FROM segment_index_daily i JOIN road_segment s USING (segment_id)
GROUP BY 1, 2;

CREATE VIEW district_index_daily AS
SELECT s.district_code, i.day,
       sum(i.tantu_index * s.length_m) / sum(s.length_m) AS tantu_index,
       tantu_grade(sum(i.tantu_index * s.length_m) / sum(s.length_m)) AS grade,
       sum(s.length_m) AS measured_length_m,
       sum(s.length_m) FILTER (WHERE i.grade = 'excellent') / sum(s.length_m) AS share_excellent,
       sum(s.length_m) FILTER (WHERE i.grade = 'good')      / sum(s.length_m) AS share_good,
       sum(s.length_m) FILTER (WHERE i.grade = 'fair')      / sum(s.length_m) AS share_fair,
       sum(s.length_m) FILTER (WHERE i.grade = 'poor')      / sum(s.length_m) AS share_poor,
       sum(s.length_m) FILTER (WHERE i.grade = 'bad')       / sum(s.length_m) AS share_bad
FROM segment_index_daily i JOIN road_segment s USING (segment_id)
GROUP BY 1, 2;
