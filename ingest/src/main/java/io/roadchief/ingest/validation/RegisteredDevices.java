package io.roadchief.ingest.validation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a snapshot of the device registry in memory, reloaded in the background every few seconds,
 * so validation never waits on the database (no round trip per message). A registration is visible
 * to ingest within one refresh interval.
 */
public final class RegisteredDevices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegisteredDevices.class);
    private static final String QUERY = """
            SELECT d.device_id, d.kind, d.enabled, coalesce(d.vehicle_class, ''), coalesce(g.range_mm, 0)
            FROM device d LEFT JOIN gauge g ON g.gauge_id = d.device_id""";

    private final String url, user, password;
    private final long refreshMs;
    private volatile DeviceDirectory current = new DeviceDirectory(Map.of());
    private final Thread refresher;
    private volatile boolean running = true;

    public RegisteredDevices(String url, String user, String password, long refreshMs) throws SQLException {
        this.url = url;
        this.user = user;
        this.password = password;
        this.refreshMs = refreshMs;
        current = load();
        refresher = new Thread(this::refreshLoop, "roadchief-device-registry");
        refresher.setDaemon(true);
        refresher.start();
    }

    public DeviceDirectory snapshot() {
        return current;
    }

    private void refreshLoop() {
        while (running) {
            try {
                Thread.sleep(refreshMs);
                current = load();
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                // Keep the last good snapshot: a database hiccup must not make every device "unknown".
                log.warn("device registry refresh failed, keeping the previous snapshot: {}", e.getMessage());
            }
        }
    }

    private DeviceDirectory load() throws SQLException {
        Map<String, DeviceDirectory.Device> m = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                String id = rs.getString(1);
                m.put(id, new DeviceDirectory.Device(id, rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getInt(5)));
            }
        }
        return new DeviceDirectory(Map.copyOf(m));
    }

    @Override
    public void close() {
        running = false;
        refresher.interrupt();
    }
}
