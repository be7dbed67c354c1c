package io.roadchief.ingest.validation;

import java.util.Map;

/**
 * What ingest needs to know about registered devices: kind, enabled, vehicle class, gauge range.
 * An immutable snapshot; {@link RegisteredDevices} keeps a fresh one.
 */
public record DeviceDirectory(Map<String, Device> devices) {

    /** @param rangeMm gauge measuring range in mm, or 0 when not a gauge / not configured */
    public record Device(String id, String kind, boolean enabled, String vehicleClass, int rangeMm) {
        public boolean isVehicle() { return "vehicle".equals(kind); }
        public boolean isGauge() { return "gauge".equals(kind); }
    }

    public Device find(String id) {
        return devices.get(id);
    }
}
