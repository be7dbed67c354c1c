package io.roadchief.schema;

/** The one rule for identifiers (devices, gauges, crews): 1-64 of [A-Za-z0-9_-], as the SQL CHECKs say. */
public final class DeviceIds {
    public static final int MAX_LENGTH = 64;

    private DeviceIds() {}

    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }
}
