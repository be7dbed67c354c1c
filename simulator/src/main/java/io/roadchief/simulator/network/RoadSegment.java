package io.roadchief.simulator.network;

/**
 * A ~100 m piece of road: the unit of roughness, 坦途指数 and ticket location.
 *
 * @param segmentId   road id + "." + 3-digit index, e.g. "WS-0001.003"
 * @param seqOnRoad   1-based index along the road
 * @param startM      distance along the road where the segment starts, m
 * @param endM        distance along the road where it ends, m
 * @param geometryWkt WGS-84 LINESTRING(lon lat, ...)
 */
public record RoadSegment(String segmentId, String roadId, int seqOnRoad, String districtCode,
                          double startM, double endM, String geometryWkt,
                          double minLat, double minLon, double maxLat, double maxLon) {
    public double lengthM() {
        return endM - startM;
    }

    public boolean contains(double s) {
        return s >= startM && s < endM;
    }
}
