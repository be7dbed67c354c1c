package io.roadchief.ingest.validation;

import java.io.Serializable;
import java.sql.SQLException;

/** Where an operator gets its device directory from; opened once per parallel instance. */
public interface DirectorySource extends Serializable {

    /** Starts serving snapshots; returns something to close when the operator closes. */
    Handle open() throws Exception;

    interface Handle extends AutoCloseable {
        DeviceDirectory snapshot();

        @Override
        void close();
    }

    /** The device registry in PostgreSQL, refreshed in the background. */
    static DirectorySource registry(String url, String user, String password, long refreshMs) {
        return () -> {
            RegisteredDevices devices;
            try {
                devices = new RegisteredDevices(url, user, password, refreshMs);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the device registry at " + url, e);
            }
            return new Handle() {
                @Override public DeviceDirectory snapshot() { return devices.snapshot(); }
                @Override public void close() { devices.close(); }
            };
        };
    }

    /** A fixed directory (tests, offline tools). */
    static DirectorySource fixed(DeviceDirectory directory) {
        return () -> new Handle() {
            @Override public DeviceDirectory snapshot() { return directory; }
            @Override public void close() {}
        };
    }
}
