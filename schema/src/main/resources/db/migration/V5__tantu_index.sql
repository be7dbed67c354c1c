-- 坦途指数 (smooth-road index), 0-100: THE formula. io.roadchief.schema.TantuIndex mirrors it
-- for Java callers, and TantuIndexTest checks that both give the same numbers.
--
--   RQI  = 100 / (1 + a0 * exp(a1 * IRI))          riding quality, JTG 5210-2018 eq. 5.3.2
--          a0 = 0.0185, a1 = 0.58                  (JTG constants for roads other than expressways)
--   PCI  = 100 - b0 * DR^b1                        surface condition, JTG 5210-2018 eq. 5.2.1
--          b0 = 15.00, b1 = 0.412                  (asphalt pavement)
--          DR = damaged area / inspected area, %   here: open defects x 1.0 m^2 per severity weight,
--                                                  over segment length x 3.5 m (one lane)
--   坦途指数 = 0.6 * RQI + 0.4 * PCI                 riding comfort weighs most for road users
--   grades: 优 >= 90, 良 >= 80, 中 >= 70, 次 >= 60, 差 < 60
--
-- IMMUTABLE so that views and aggregates may inline it.

CREATE FUNCTION rqi(iri_m_km double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT 100.0 / (1.0 + 0.0185 * exp(0.58 * greatest(iri_m_km, 0.0))) $$;

CREATE FUNCTION pci(damage_ratio_pct double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT greatest(0.0, 100.0 - 15.0 * power(greatest(damage_ratio_pct, 0.0), 0.412)) $$;

-- Damage ratio of a segment from its open defects: severe counts 2 m^2, others 1 m^2.
CREATE FUNCTION damage_ratio_pct(severe_defects bigint, other_defects bigint, length_m double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT 100.0 * (2.0 * severe_defects + 1.0 * other_defects) / (greatest(length_m, 1.0) * 3.5) $$;

CREATE FUNCTION tantu_index(iri_m_km double precision, damage_ratio_pct double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT 0.6 * rqi(iri_m_km) + 0.4 * pci(damage_ratio_pct) $$;

-- Grade code: 'excellent' 优 | 'good' 良 | 'fair' 中 | 'poor' 次 | 'bad' 差
CREATE FUNCTION tantu_grade(idx double precision) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT CASE WHEN idx >= 90 THEN 'excellent' WHEN idx >= 80 THEN 'good'
               WHEN idx >= 70 THEN 'fair' WHEN idx >= 60 THEN 'poor' ELSE 'bad' END $$;
