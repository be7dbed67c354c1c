package io.roadchief.service;

import java.time.Duration;
import java.time.Instant;

/**
 * The countdown colour a crew sees, in one place: green in the first half of the repair window,
 * amber from half-time until the warning (RepairSla.WARNING_FRACTION of the window, stored per
 * ticket as warn_at), red from the warning on and when overdue. The API sends the change-over
 * instants so that the page's countdown recolours itself without asking again.
 */
public final class SlaColour {
    private SlaColour() {}

    public static Instant amberAt(Instant confirmedAt, Instant dueAt) {
        return confirmedAt.plus(Duration.between(confirmedAt, dueAt).dividedBy(2));
    }

    public static String at(Instant now, Instant confirmedAt, Instant warnAt, Instant dueAt) {
        if (!now.isBefore(warnAt) || !now.isBefore(dueAt)) return "red";
        if (!now.isBefore(amberAt(confirmedAt, dueAt))) return "amber";
        return "green";
    }
}
