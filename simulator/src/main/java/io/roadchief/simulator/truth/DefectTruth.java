package io.roadchief.simulator.truth;

/**
 * A planted defect as evaluation sees it (no simulator internals).
 *
 * @param type      roadchief.v1.DefectType name (POTHOLE, CRACK, ...)
 * @param severity  severe | moderate | minor (io.roadchief.simulator.road.DefectSeverity)
 * @param direction travel direction along the road whose lane it is in (+1 / -1)
 * @param depthM    signed size: negative depth of a dip, positive height; CRACK: amplitude
 */
public record DefectTruth(String defectId, String type, String severity, String roadId, String segmentId,
                          int direction, double lat, double lon, double centreM, double lateralM,
                          double lengthM, double widthM, double depthM) {}
