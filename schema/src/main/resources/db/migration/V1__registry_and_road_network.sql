-- Registry of devices, crews, and the road network RoadChief maps telemetry onto.
-- Identifiers are short text keys chosen by the city (e.g. 'bus-0012', 'XH-0401'); they are
-- constrained here so that nothing SQL-looking ever becomes an identifier.

CREATE TABLE district (
    district_code text PRIMARY KEY CHECK (district_code ~ '^[A-Za-z0-9_-]{1,32}$'),
    name_zh       text NOT NULL,
    name_en       text NOT NULL,
    -- Who receives SLA breach escalations for this district.
    manager_contact text
);

CREATE TABLE road (
    road_id       text PRIMARY KEY CHECK (road_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    name_zh       text NOT NULL,
    name_en       text NOT NULL,
    district_code text NOT NULL REFERENCES district,
    -- 'arterial' | 'secondary' | 'branch' (城市主干路 / 次干路 / 支路)
    road_class    text NOT NULL DEFAULT 'secondary'
);

-- ~100 m pieces of road: the unit of roughness, 坦途指数 and ticket location.
CREATE TABLE road_segment (
    segment_id    text PRIMARY KEY CHECK (segment_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    road_id       text NOT NULL REFERENCES road,
    seq_on_road   integer NOT NULL,
    district_code text NOT NULL REFERENCES district,
    length_m      double precision NOT NULL CHECK (length_m > 0),
    -- WGS-84 LINESTRING(lon lat, ...). Plain text so that the schema needs no PostGIS.
    geometry_wkt  text NOT NULL,
    -- Bounding box, degrees, for coarse spatial filters without an extension.
    min_lat double precision NOT NULL, min_lon double precision NOT NULL,
    max_lat double precision NOT NULL, max_lon double precision NOT NULL,
    UNIQUE (road_id, seq_on_road)
);
CREATE INDEX road_segment_bbox ON road_segment (min_lat, max_lat, min_lon, max_lon);

-- Registered features that shake a vehicle but are not defects: never ticketed.
CREATE TABLE segment_feature (
    feature_id  bigserial PRIMARY KEY,
    segment_id  text NOT NULL REFERENCES road_segment,
    kind        text NOT NULL CHECK (kind IN ('speed_bump', 'expansion_joint', 'manhole_cover', 'rumble_strip')),
    lat         double precision NOT NULL,
    lon         double precision NOT NULL,
    note        text
);
CREATE INDEX segment_feature_segment ON segment_feature (segment_id);

-- Every unit that may publish. Telemetry from an unknown or disabled device is quarantined.
CREATE TABLE device (
    device_id     text PRIMARY KEY CHECK (device_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    kind          text NOT NULL CHECK (kind IN ('vehicle', 'gauge')),
    -- For vehicles: 'bus' | 'sanitation_truck' | 'patrol_car'.
    vehicle_class text,
    enabled       boolean NOT NULL DEFAULT true,
    -- MQTT credentials: username = device_id; PBKDF2 hash in Mosquitto's password-file format.
    mqtt_password_hash text,
    registered_at timestamptz NOT NULL DEFAULT now(),
    note          text
);

CREATE TABLE crew (
    crew_id       text PRIMARY KEY CHECK (crew_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    name_zh       text NOT NULL,
    name_en       text NOT NULL,
    district_code text REFERENCES district,
    -- Optional: a crew dedicated to particular roads wins over the district's crew.
    road_ids      text[] NOT NULL DEFAULT '{}'
);
