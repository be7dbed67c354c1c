package io.roadchief.jobs.pavement;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/** Small planar helpers on JTS line strings: projection of a point with distance along, and bearings. */
final class Geometry2d {
    private Geometry2d() {}

    /** A point's projection on a line: distance from the line, distance along it, and the line's bearing there (deg from north). */
    record Projection(double distanceM, double alongM, double bearingDeg) {}

    static Projection project(LineString line, double x, double y) {
        Coordinate[] cs = line.getCoordinates();
        double best = Double.POSITIVE_INFINITY, bestAlong = 0, bestBearing = 0, acc = 0;
        for (int i = 0; i + 1 < cs.length; i++) {
            double ax = cs[i].x, ay = cs[i].y, dx = cs[i + 1].x - ax, dy = cs[i + 1].y - ay;
            double len2 = dx * dx + dy * dy, len = Math.sqrt(len2);
            double t = len2 == 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / len2;
            double tc = Math.max(0, Math.min(1, t));
            double px = ax + tc * dx - x, py = ay + tc * dy - y;
            double d = Math.sqrt(px * px + py * py);
            if (d < best) {
                best = d;
                // Along-distance is not clamped at the line's ends, so a fix slightly past the end
                // still reports how far past it is (the caller decides which segment that is).
                bestAlong = acc + (i == 0 && t < 0 || i + 2 == cs.length && t > 1 ? t : tc) * len;
                bestBearing = bearing(dx, dy);
            }
            acc += len;
        }
        return new Projection(best, bestAlong, bestBearing);
    }

    static double[] pointAt(LineString line, double alongM) {
        Coordinate[] cs = line.getCoordinates();
        double acc = 0;
        for (int i = 0; i + 1 < cs.length; i++) {
            double dx = cs[i + 1].x - cs[i].x, dy = cs[i + 1].y - cs[i].y, len = Math.hypot(dx, dy);
            if (acc + len >= alongM || i + 2 == cs.length) {
                double t = len == 0 ? 0 : (alongM - acc) / len;
                return new double[]{cs[i].x + t * dx, cs[i].y + t * dy};
            }
            acc += len;
        }
        return new double[]{cs[0].x, cs[0].y};
    }

    /** Compass bearing of a direction vector (east = x, north = y), deg clockwise from north, 0-360. */
    static double bearing(double dx, double dy) {
        double b = Math.toDegrees(Math.atan2(dx, dy));
        return b < 0 ? b + 360 : b;
    }

    /** Smallest absolute difference of two bearings, 0-180 deg. */
    static double bearingDiff(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }
}
