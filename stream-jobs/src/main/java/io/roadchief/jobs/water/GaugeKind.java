package io.roadchief.jobs.water;

/** What a gauge measures: depth over the carriageway, or the level in a drain (vs. rim and crown). */
public enum GaugeKind {
    ROAD_PONDING("road_ponding", "积水点", "ponding point"),
    DRAIN("drain", "雨水井", "drain");

    private final String sql;
    private final String zh;
    private final String en;

    GaugeKind(String sql, String zh, String en) {
        this.sql = sql;
        this.zh = zh;
        this.en = en;
    }

    public String sql() { return sql; }

    public String zh() { return zh; }

    public String en() { return en; }

    public static GaugeKind parse(String s) {
        for (GaugeKind k : values()) if (k.sql.equalsIgnoreCase(s.trim())) return k;
        throw new IllegalArgumentException("gauge kind must be road_ponding or drain, not '" + s + "'");
    }
}
