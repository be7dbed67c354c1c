package io.roadchief.jobs.water;

/** Waterlogging risk levels (内涝风险等级), lowest first. {@link #sql()} is how the tables spell them. */
public enum RiskLevel {
    NORMAL("正常", "normal"),
    BLUE("蓝色", "blue"),
    YELLOW("黄色", "yellow"),
    ORANGE("橙色", "orange"),
    RED("红色", "red");

    private final String zh;
    private final String en;

    RiskLevel(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    /** The value of gauge_state.risk_level and alert.level. */
    public String sql() { return en; }

    /** The next level up, or null at red. */
    public RiskLevel next() {
        return this == RED ? null : values()[ordinal() + 1];
    }

    public boolean above(RiskLevel other) { return ordinal() > other.ordinal(); }

    public static RiskLevel of(int ordinal) { return values()[ordinal]; }

    public static RiskLevel parse(String sql) {
        for (RiskLevel l : values()) if (l.en.equals(sql)) return l;
        throw new IllegalArgumentException("unknown risk level " + sql);
    }
}
