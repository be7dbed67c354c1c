package io.roadchief.jobs.pavement;

/**
 * One vehicle's detection of one defect on one pass: a row of defect_detection (defectId is filled in by
 * the clustering step).
 *
 * @param direction  travel direction along the road (+1 digitised direction, -1 against): defects live in one lane
 * @param chainageM  distance along the road from its start, m (the clustering coordinate)
 * @param depthMmEst negative for dips, positive for humps
 * @param source     "accelerometer" | "camera" | "fused"
 */
public record DefectDetection(String deviceId, long detectedAtMs, String segmentId, String roadId, int direction, double chainageM,
                              double lat, double lon, String defectType, String severity, double confidence,
                              String source, double speedKmh, double peakAccG, int depthMmEst, double lengthMEst,
                              String defectId) {

    public DefectDetection withDefectId(String id) {
        return new DefectDetection(deviceId, detectedAtMs, segmentId, roadId, direction, chainageM, lat, lon, defectType, severity,
                confidence, source, speedKmh, peakAccG, depthMmEst, lengthMEst, id);
    }
}
