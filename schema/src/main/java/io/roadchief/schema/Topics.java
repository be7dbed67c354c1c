package io.roadchief.schema;

/**
 * The MQTT topic scheme of ARCHITECTURE.md, in one place.
 *
 * <pre>
 *   roadchief/v1/vehicle/{vehicleId}/imu
 *   roadchief/v1/vehicle/{vehicleId}/detections
 *   roadchief/v1/gauge/{gaugeId}/level
 *   roadchief/v1/alerts/...                  (outbound)
 *   roadchief/v1/crews/{crewId}/tickets      (outbound)
 * </pre>
 */
public final class Topics {
    public static final String PREFIX = "roadchief/v1/";
    /** Everything devices publish; what the ingest source subscribes to. */
    public static final String[] DEVICE_TOPIC_FILTERS = {
        "roadchief/v1/vehicle/+/imu", "roadchief/v1/vehicle/+/detections", "roadchief/v1/gauge/+/level"};

    private Topics() {}

    public static String vehicleImu(String vehicleId) { return PREFIX + "vehicle/" + vehicleId + "/imu"; }
    public static String vehicleDetections(String vehicleId) { return PREFIX + "vehicle/" + vehicleId + "/detections"; }
    public static String gaugeLevel(String gaugeId) { return PREFIX + "gauge/" + gaugeId + "/level"; }
    public static String waterAlert(String gaugeId) { return PREFIX + "alerts/water/" + gaugeId; }
    public static String ticketAlert(String ticketId) { return PREFIX + "alerts/tickets/" + ticketId; }
    public static String crewTickets(String crewId) { return PREFIX + "crews/" + crewId + "/tickets"; }

    /** What kind of telemetry a topic carries, and for which device. */
    public enum Kind { VEHICLE_IMU, VEHICLE_DETECTIONS, GAUGE_LEVEL }

    /** A parsed inbound topic. */
    public record Parsed(Kind kind, String deviceId) {}

    /**
     * Parses an inbound device topic without regular expressions (it runs once per message).
     *
     * @return the parsed topic, or null when the topic is not one of the three device topics
     */
    public static Parsed parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) return null;
        int p = PREFIX.length();
        String rest = topic.substring(p);
        int s1 = rest.indexOf('/');
        if (s1 <= 0) return null;
        int s2 = rest.indexOf('/', s1 + 1);
        if (s2 <= s1 + 1 || rest.indexOf('/', s2 + 1) >= 0) return null;
        String group = rest.substring(0, s1);
        String id = rest.substring(s1 + 1, s2);
        String leaf = rest.substring(s2 + 1);
        if (!DeviceIds.isValid(id)) return null;
        if (group.equals("vehicle")) {
            if (leaf.equals("imu")) return new Parsed(Kind.VEHICLE_IMU, id);
            if (leaf.equals("detections")) return new Parsed(Kind.VEHICLE_DETECTIONS, id);
        } else if (group.equals("gauge") && leaf.equals("level")) {
            return new Parsed(Kind.GAUGE_LEVEL, id);
        }
        return null;
    }
}
