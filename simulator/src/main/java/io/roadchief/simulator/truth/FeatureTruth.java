package io.roadchief.simulator.truth;

/** A registered feature (speed_bump, expansion_joint, manhole_cover) as written to segment_feature. */
public record FeatureTruth(String featureId, String kind, String roadId, String segmentId, double lat, double lon,
                           double centreM, double lateralM, double lengthM, double widthM, double heightM) {}
