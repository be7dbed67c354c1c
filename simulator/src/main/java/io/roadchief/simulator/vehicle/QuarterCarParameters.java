package io.roadchief.simulator.vehicle;

import io.roadchief.schema.v1.VehicleClass;

/**
 * One corner of a vehicle as a quarter car: sprung mass (body share), unsprung mass (wheel, axle
 * share), suspension stiffness and damping, tyre stiffness. Values are typical published figures for
 * each class; body bounce lands at 1.2-2 Hz and wheel hop at 10-12 Hz, as on real vehicles.
 */
public record QuarterCarParameters(double sprungKg, double unsprungKg, double suspensionNPerM,
                                   double dampingNsPerM, double tyreNPerM) {

    /** 12 m city bus, rear corner, half load: air suspension (~1.3 Hz), twin tyres. */
    public static final QuarterCarParameters BUS = new QuarterCarParameters(3000, 450, 200_000, 12_000, 1_600_000);
    /** 8 t sanitation truck (洒水车 / 扫路车), stiff leaf springs (~1.9 Hz). */
    public static final QuarterCarParameters SANITATION_TRUCK = new QuarterCarParameters(2000, 350, 290_000, 9_500, 1_200_000);
    /** Patrol car (passenger car), ~1.3 Hz body, ~12 Hz wheel hop. */
    public static final QuarterCarParameters PATROL_CAR = new QuarterCarParameters(350, 40, 22_000, 1_700, 200_000);

    public static QuarterCarParameters of(VehicleClass c) {
        return switch (c) {
            case BUS -> BUS;
            case SANITATION_TRUCK -> SANITATION_TRUCK;
            case PATROL_CAR -> PATROL_CAR;
            default -> PATROL_CAR;
        };
    }

    public double bodyHz() {
        return Math.sqrt(suspensionNPerM / sprungKg) / (2 * Math.PI);
    }

    public double wheelHopHz() {
        return Math.sqrt((suspensionNPerM + tyreNPerM) / unsprungKg) / (2 * Math.PI);
    }

    public double dampingRatio() {
        return dampingNsPerM / (2 * Math.sqrt(suspensionNPerM * sprungKg));
    }
}
