package io.roadchief.simulator.road;

import io.roadchief.schema.v1.DefectType;

/**
 * A defect planted in the simulated road: ground truth for evaluation.
 *
 * @param direction  the travel direction (+1 / -1 along the road) whose lane and wheel path it lies in
 * @param centreM    distance along the road of its centre, m
 * @param lateralM   offset of its centre from the centreline, m (positive left of direction +1)
 * @param lengthM    extent along the road, m
 * @param widthM     extent across, m
 * @param depthM     signed size: negative = dip (depth), positive = raise (height); CRACK: amplitude
 */
public record PlantedDefect(String defectId, DefectType type, Severity severity, String roadId, String segmentId,
                            int direction, double centreM, double lateralM, double lengthM, double widthM, double depthM,
                            double lat, double lon, SurfaceShape shape) {
    public String typeName() {
        return type.name();
    }
}
