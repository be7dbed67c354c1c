-- Where a defect lies along its road and in which lane (travel direction), written by the pavement job.
-- Repair verification needs it: a later pass proves a repair only if it drove over that stretch of that
-- lane fast enough for the accelerometer to feel the defect had it still been there.
ALTER TABLE defect
    ADD COLUMN road_id    text,
    ADD COLUMN direction  smallint CHECK (direction IN (-1, 1)),
    ADD COLUMN chainage_m double precision;
CREATE INDEX defect_road_lane ON defect (road_id, direction, chainage_m);
