package io.roadchief.simulator.network;

/**
 * A row of the device registry.
 *
 * @param kind         "vehicle" | "gauge"
 * @param vehicleClass "bus" | "sanitation_truck" | "patrol_car" for vehicles, null for gauges
 */
public record DeviceRow(String deviceId, String kind, String vehicleClass, String note) {
    public static DeviceRow vehicle(String id, String vehicleClass) {
        return new DeviceRow(id, "vehicle", vehicleClass, "simulated");
    }

    public static DeviceRow gauge(String id) {
        return new DeviceRow(id, "gauge", null, "simulated");
    }
}
