package io.roadchief.jobs.water;

/** Kinds of water alerts, as alert.kind spells them. Health conditions are raised once and cleared once. */
public enum AlertKind {
    WATER_RAISE("water_raise"),
    WATER_ESCALATE("water_escalate"),
    WATER_EARLY_WARNING("water_early_warning"),
    WATER_LOWER("water_lower"),
    WATER_CLEAR("water_clear"),
    GAUGE_OFFLINE("gauge_offline"),
    GAUGE_BACK_ONLINE("gauge_back_online"),
    GAUGE_STUCK("gauge_stuck"),
    GAUGE_STUCK_CLEARED("gauge_stuck_cleared"),
    GAUGE_SPIKE("gauge_spike"),
    GAUGE_SPIKE_CLEARED("gauge_spike_cleared"),
    GAUGE_LOW_BATTERY("gauge_low_battery"),
    GAUGE_LOW_BATTERY_CLEARED("gauge_low_battery_cleared");

    private final String sql;

    AlertKind(String sql) { this.sql = sql; }

    public String sql() { return sql; }
}
