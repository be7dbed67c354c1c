package io.roadchief.simulator.network;

/**
 * Local east/north metres around a centre point and back to WGS-84 degrees (equirectangular; the
 * error is centimetres over the few kilometres a simulated network spans).
 */
public record LocalProjection(double centreLat, double centreLon) {
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    public double lat(double northM) {
        return centreLat + Math.toDegrees(northM / EARTH_RADIUS_M);
    }

    public double lon(double eastM) {
        return centreLon + Math.toDegrees(eastM / (EARTH_RADIUS_M * Math.cos(Math.toRadians(centreLat))));
    }

    public double northM(double lat) {
        return Math.toRadians(lat - centreLat) * EARTH_RADIUS_M;
    }

    public double eastM(double lon) {
        return Math.toRadians(lon - centreLon) * EARTH_RADIUS_M * Math.cos(Math.toRadians(centreLat));
    }
}
