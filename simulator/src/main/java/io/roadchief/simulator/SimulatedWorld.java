package io.roadchief.simulator;

import io.roadchief.simulator.network.DeviceRow;
import io.roadchief.simulator.network.NetworkLoader;
import io.roadchief.simulator.network.RoadNetwork;
import io.roadchief.simulator.road.RoadSurface;
import io.roadchief.simulator.truth.GroundTruth;
import io.roadchief.simulator.vehicle.VehicleSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A generated world: the network, its true surface, the fleet, and the ground truth of it all. */
public record SimulatedWorld(RoadNetwork network, RoadSurface surface, List<VehicleSpec> vehicles, GroundTruth truth) {

    /** Registry rows for the fleet. */
    public List<DeviceRow> deviceRows() {
        List<DeviceRow> rows = new ArrayList<>();
        for (VehicleSpec v : vehicles) rows.add(DeviceRow.vehicle(v.deviceId(), VehicleSpec.sqlClass(v.vehicleClass())));
        return rows;
    }

    /** Writes districts, roads, segments, registered features and the fleet into the registry tables (idempotent). */
    public NetworkLoader.Counts loadInto(Connection c) throws SQLException {
        return NetworkLoader.load(c, network, surface.features(), deviceRows());
    }
}
