package io.roadchief.ingest.gateway;

import io.roadchief.schema.DeviceIds;
import io.roadchief.schema.v1.VehicleClass;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code device} table (V1 migration) through the reactive PostgreSQL client: registration with
 * per-device MQTT credentials, enable/disable, look-ups for the upload login, and the broker's password file.
 */
final class DeviceRegistry {
    static final Set<String> KINDS = Set.of("vehicle", "gauge");
    /** The registry's spelling of each vehicle class; the wire enum is its upper-case twin. */
    static final Set<String> VEHICLE_CLASSES = Set.of("bus", "sanitation_truck", "patrol_car");

    /** A registered device as the API shows it (never with its password hash). */
    record Device(String deviceId, String kind, String vehicleClass, boolean enabled, OffsetDateTime registeredAt) {
        JsonObject toJson() {
            return new JsonObject().put("deviceId", deviceId).put("kind", kind).put("vehicleClass", vehicleClass)
                    .put("enabled", enabled).put("registeredAt", registeredAt == null ? null : registeredAt.toString());
        }

        /** The wire enum for ImuBatch.vehicle_class. */
        VehicleClass wireVehicleClass() {
            if (vehicleClass == null) return VehicleClass.VEHICLE_CLASS_UNSPECIFIED;
            try {
                return VehicleClass.valueOf(vehicleClass.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return VehicleClass.VEHICLE_CLASS_UNSPECIFIED;
            }
        }
    }

    /** A new registration: the device and its MQTT password in clear, shown once. */
    record Registration(Device device, String mqttPassword) {}

    /** A device with the hash its login is checked against. */
    record Credential(Device device, String passwordHash) {}

    /** A request the registry refuses; {@code status} is the HTTP status that says why. */
    static final class RegistryException extends RuntimeException {
        final int status;

        RegistryException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static final String COLUMNS = "device_id, kind, vehicle_class, enabled, registered_at";

    private final Pool pool;

    DeviceRegistry(Pool pool) {
        this.pool = pool;
    }

    Future<Registration> register(String deviceId, String kind, String vehicleClass) {
        if (!DeviceIds.isValid(deviceId)) {
            return Future.failedFuture(new RegistryException(400, "deviceId must be 1-" + DeviceIds.MAX_LENGTH + " of [A-Za-z0-9_-]"));
        }
        if (kind == null || !KINDS.contains(kind)) return Future.failedFuture(new RegistryException(400, "kind must be one of " + KINDS));
        if (vehicleClass != null && !"vehicle".equals(kind)) {
            return Future.failedFuture(new RegistryException(400, "vehicleClass applies to vehicles only"));
        }
        if (vehicleClass != null && !VEHICLE_CLASSES.contains(vehicleClass)) {
            return Future.failedFuture(new RegistryException(400, "vehicleClass must be one of " + VEHICLE_CLASSES));
        }
        String password = MosquittoPasswords.newPassword();
        return pool.preparedQuery("INSERT INTO device (device_id, kind, vehicle_class, mqtt_password_hash) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (device_id) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(deviceId, kind, vehicleClass, MosquittoPasswords.hash(password)))
                .map(rows -> {
                    if (rows.rowCount() == 0) throw new RegistryException(409, "device " + deviceId + " is already registered");
                    return new Registration(device(rows.iterator().next()), password);
                });
    }

    /** A new MQTT password for an existing device (the old one stops working at the next password-file reload). */
    Future<Registration> resetPassword(String deviceId) {
        String password = MosquittoPasswords.newPassword();
        return pool.preparedQuery("UPDATE device SET mqtt_password_hash = $2 WHERE device_id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(deviceId, MosquittoPasswords.hash(password)))
                .map(rows -> {
                    if (rows.rowCount() == 0) throw new RegistryException(404, "device " + deviceId + " is not registered");
                    return new Registration(device(rows.iterator().next()), password);
                });
    }

    Future<Device> setEnabled(String deviceId, boolean enabled) {
        return pool.preparedQuery("UPDATE device SET enabled = $2 WHERE device_id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(deviceId, enabled))
                .map(rows -> {
                    if (rows.rowCount() == 0) throw new RegistryException(404, "device " + deviceId + " is not registered");
                    return device(rows.iterator().next());
                });
    }

    Future<List<Device>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM device ORDER BY device_id").execute()
                .map(rows -> {
                    List<Device> out = new ArrayList<>(rows.rowCount());
                    for (Row r : rows) out.add(device(r));
                    return out;
                });
    }

    /** The device, or null when not registered. */
    Future<Device> get(String deviceId) {
        return credential(deviceId).map(c -> c == null ? null : c.device());
    }

    /** The device and its password hash, or null when not registered. */
    Future<Credential> credential(String deviceId) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", mqtt_password_hash FROM device WHERE device_id = $1")
                .execute(Tuple.of(deviceId))
                .map(rows -> {
                    if (rows.rowCount() == 0) return null;
                    Row r = rows.iterator().next();
                    return new Credential(device(r), r.getString("mqtt_password_hash"));
                });
    }

    /** Mosquitto password_file lines for every enabled device with credentials. */
    Future<String> enabledPasswordFile() {
        return pool.query("SELECT device_id, mqtt_password_hash FROM device WHERE enabled AND mqtt_password_hash IS NOT NULL ORDER BY device_id")
                .execute()
                .map(rows -> {
                    StringBuilder sb = new StringBuilder();
                    for (Row r : rows) sb.append(MosquittoPasswords.passwdLine(r.getString(0), r.getString(1)));
                    return sb.toString();
                });
    }

    /** Succeeds when the database answers. */
    Future<Void> ping() {
        return pool.query("SELECT 1").execute().mapEmpty();
    }

    private static Device device(Row r) {
        return new Device(r.getString("device_id"), r.getString("kind"), r.getString("vehicle_class"),
                r.getBoolean("enabled"), r.getOffsetDateTime("registered_at"));
    }
}
