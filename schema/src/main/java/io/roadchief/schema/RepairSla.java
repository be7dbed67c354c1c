package io.roadchief.schema;

import java.time.Duration;
import java.time.Instant;

/**
 * The repair deadline rules, in one place: a ticket is due 24 h after confirmation for a severe
 * defect and 48 h for any other; the countdown warning fires at 75 % of the window; a repaired
 * ticket waits up to 24 h for a vehicle pass to verify it. System properties override the defaults
 * (roadchief.sla.severeHours, .otherHours, .warningFraction, .verifyHours) for cities with other rules.
 */
public final class RepairSla {
    public static final int SEVERE_HOURS = Integer.getInteger("roadchief.sla.severeHours", 24);
    public static final int OTHER_HOURS = Integer.getInteger("roadchief.sla.otherHours", 48);
    public static final double WARNING_FRACTION = Double.parseDouble(System.getProperty("roadchief.sla.warningFraction", "0.75"));
    public static final int VERIFY_HOURS = Integer.getInteger("roadchief.sla.verifyHours", 24);

    private RepairSla() {}

    public static Duration window(boolean severe) {
        return Duration.ofHours(severe ? SEVERE_HOURS : OTHER_HOURS);
    }

    public static Instant dueAt(Instant confirmedAt, boolean severe) {
        return confirmedAt.plus(window(severe));
    }

    public static Instant warnAt(Instant confirmedAt, boolean severe) {
        return confirmedAt.plusMillis((long) (window(severe).toMillis() * WARNING_FRACTION));
    }
}
