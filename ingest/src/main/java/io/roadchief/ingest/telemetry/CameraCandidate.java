package io.roadchief.ingest.telemetry;

/**
 * One camera / edge-detector defect candidate, validated.
 *
 * @param deviceId     vehicle id
 * @param seq          sequence of the envelope it came in
 * @param index        position within that envelope (with deviceId and seq: the idempotency key)
 * @param timeMs       device time of the observation, epoch ms
 * @param receivedAtMs when RoadChief received the envelope, epoch ms
 * @param lat          estimated position, degrees
 * @param lon          estimated position, degrees
 * @param defectType   lower-case DefectType name: "pothole", "crack", "subsidence", "rutting", "bump", "manhole"
 * @param confidence   0-1
 * @param lengthMm     along the lane, mm (0 unknown)
 * @param widthMm      across the lane, mm (0 unknown)
 * @param depthMm      depth (negative = dip) or height, mm (0 unknown)
 */
public record CameraCandidate(String deviceId, long seq, int index, long timeMs, long receivedAtMs,
                              double lat, double lon, String defectType, float confidence,
                              int lengthMm, int widthMm, int depthMm) {}
