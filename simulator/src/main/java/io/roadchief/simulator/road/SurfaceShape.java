package io.roadchief.simulator.road;

import io.roadchief.simulator.Seeds;

/**
 * One local change of the road surface (a defect or a registered feature): where it is along and
 * across the road, and its elevation change as a deterministic function of distance.
 *
 * <p>Shapes, with u the distance from the start, L the length, m the signed magnitude (m):
 * <ul>
 *   <li>POTHOLE: vertical-ish walls (4 cm ramps) and a slightly uneven flat bottom at depth m &lt; 0;</li>
 *   <li>SUBSIDENCE, BUMP, SPEED_BUMP: raised-cosine dip/hump, m (1 - cos(2 pi u / L)) / 2;</li>
 *   <li>RUTTING: 1 m ramps into a long groove of depth m whose depth wavers by 20 %;</li>
 *   <li>MANHOLE, MANHOLE_COVER: a flat step of m over the cover's diameter L (1 cm ramps);</li>
 *   <li>CRACK: 龟裂 patch, value noise on 15 cm cells (alligator blocks) with amplitude m, tapered over 0.3 m;</li>
 *   <li>EXPANSION_JOINT: a 5 cm gap of depth m in a 10 cm long joint.</li>
 * </ul>
 *
 * @param lateralM offset of the centre from the road centreline, m, positive left of direction +1
 * @param widthM   extent across the road; {@link Double#POSITIVE_INFINITY} for full width
 */
public record SurfaceShape(ShapeKind kind, double startM, double lengthM, double lateralM, double widthM,
                           double magnitudeM, long seed) {
    /** Half the width of a tyre's contact patch, m: a wheel touches a shape this far outside its edge. */
    public static final double TYRE_HALF_WIDTH_M = 0.1;

    public double endM() {
        return startM + lengthM;
    }

    public double centreM() {
        return startM + lengthM / 2;
    }

    /** Whether a wheel centred at {@code lateral} rolls over this shape. */
    public boolean touches(double lateral) {
        return Double.isInfinite(widthM) || Math.abs(lateral - lateralM) < widthM / 2 + TYRE_HALF_WIDTH_M;
    }

    /** Elevation change at road distance s, m (0 outside the shape). */
    public double height(double s) {
        double u = s - startM;
        double len = lengthM;
        if (u <= 0 || u >= len) return 0;
        double m = magnitudeM;
        switch (kind) {
            case POTHOLE: {
                double e = Math.min(0.04, len / 4);
                double ramp = Math.min(1.0, Math.min(u, len - u) / e);
                return m * ramp * (0.92 + 0.08 * Math.cos(6 * Math.PI * u / len));
            }
            case SUBSIDENCE: case BUMP: case SPEED_BUMP:
                return m * 0.5 * (1 - Math.cos(2 * Math.PI * u / len));
            case RUTTING: {
                double ramp = Math.min(1.0, Math.min(u, len - u) / 1.0);
                double phase = (seed & 0xffff) / 65536.0 * 2 * Math.PI;
                return m * ramp * (0.8 + 0.2 * Math.sin(2 * Math.PI * u / 3.7 + phase));
            }
            case MANHOLE: case MANHOLE_COVER: {
                double ramp = Math.min(1.0, Math.min(u, len - u) / 0.01);
                return m * ramp;
            }
            case CRACK: {
                double taper = Math.min(1.0, Math.min(u, len - u) / 0.3);
                double cell = u / 0.15;
                long c = (long) Math.floor(cell);
                double f = cell - c;
                double a = noise(seed, c), b = noise(seed, c + 1);
                return m * taper * (a + (b - a) * f);
            }
            case EXPANSION_JOINT: {
                return (u > 0.025 && u < 0.075) ? m : 0;
            }
            default:
                return 0;
        }
    }

    /** Deterministic value noise in [-1, 1] for cell c. */
    private static double noise(long seed, long c) {
        long h = Seeds.mix(seed ^ (c * 0x9e3779b97f4a7c15L));
        return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
    }
}
