package io.roadchief.simulator.road;

/**
 * A registered surface feature that shakes vehicles but is not a defect (never ticketed): written to
 * segment_feature. {@code kind} uses the table's names: speed_bump, expansion_joint, manhole_cover.
 */
public record RegisteredFeature(String featureId, String kind, String roadId, String segmentId, double centreM,
                                double lateralM, double lengthM, double widthM, double heightM,
                                double lat, double lon, SurfaceShape shape) {
    public static String kindOf(ShapeKind k) {
        return switch (k) {
            case SPEED_BUMP -> "speed_bump";
            case EXPANSION_JOINT -> "expansion_joint";
            case MANHOLE_COVER -> "manhole_cover";
            default -> throw new IllegalArgumentException(k + " is not a registered feature");
        };
    }
}
