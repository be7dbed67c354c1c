package io.roadchief.simulator.road;

/** Defect severity as the defect/ticket tables spell it. */
public enum Severity {
    SEVERE("severe"), MODERATE("moderate"), MINOR("minor");

    private final String sqlName;

    Severity(String sqlName) {
        this.sqlName = sqlName;
    }

    public String sqlName() { return sqlName; }

    public static Severity fromSql(String s) {
        for (Severity v : values()) if (v.sqlName.equals(s)) return v;
        throw new IllegalArgumentException("unknown severity " + s);
    }
}
