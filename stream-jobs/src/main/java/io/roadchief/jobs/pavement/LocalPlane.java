package io.roadchief.jobs.pavement;

import java.io.Serializable;

/**
 * Equirectangular projection of WGS-84 degrees to metres east/north of a centre. Within a city
 * (tens of km) its distance error is far below GPS error, and it is cheap and exactly invertible.
 */
public final class LocalPlane implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private final double lat0, lon0, mPerDegLat, mPerDegLon;

    public LocalPlane(double centreLat, double centreLon) {
        this.lat0 = centreLat;
        this.lon0 = centreLon;
        this.mPerDegLat = Math.toRadians(1) * EARTH_RADIUS_M;
        this.mPerDegLon = mPerDegLat * Math.cos(Math.toRadians(centreLat));
    }

    public double x(double lon) { return (lon - lon0) * mPerDegLon; }
    public double y(double lat) { return (lat - lat0) * mPerDegLat; }
    public double lon(double x) { return lon0 + x / mPerDegLon; }
    public double lat(double y) { return lat0 + y / mPerDegLat; }
}
