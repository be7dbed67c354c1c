package io.roadchief.jobs.pavement;

/**
 * Defect severity (严重 / 中等 / 轻微) and THE rule that assigns it from the defect's size, loosely after
 * JTG 5210 / CJJ 36 practice (a 5 cm pothole can throw a two-wheeler; covers may sit at most 5 mm off the
 * surface). The simulator plants its truth with the same table, so severities can be scored:
 * <pre>
 * type        measure              severe      moderate     minor
 * pothole     depth                >= 50 mm    >= 25 mm     below
 * subsidence  depth                >= 40 mm    >= 25 mm     below
 * bump        height               >= 40 mm    >= 25 mm     below
 * rutting     depth                >= 25 mm    >= 15 mm     below
 * manhole     |cover offset|       >= 30 mm    >= 15 mm     below
 * crack       roughness amplitude  >= 10 mm    >= 5 mm      below
 * </pre>
 * Severe defects get a 24 h repair deadline (io.roadchief.schema.RepairSla) and are confirmed by a single
 * vehicle (PavementConfig.confirmVehiclesSevere).
 */
public enum Severity {
    SEVERE("severe", "严重", "Severe"),
    MODERATE("moderate", "中等", "Moderate"),
    MINOR("minor", "轻微", "Minor");

    public final String code, zh, en;

    Severity(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    /** {severe, moderate} lower bounds in mm, by DefectKind ordinal (see the table above). */
    private static final int[][] BOUNDS_MM = {
            {50, 25}, // pothole
            {10, 5},  // crack
            {40, 25}, // subsidence
            {25, 15}, // rutting
            {40, 25}, // bump
            {30, 15}, // manhole
    };

    /** The severity rule: by type and depth/height/amplitude (sign ignored), mm. */
    public static Severity of(DefectKind type, int sizeMm) {
        int d = Math.abs(sizeMm);
        int[] b = BOUNDS_MM[type.ordinal()];
        return d >= b[0] ? SEVERE : d >= b[1] ? MODERATE : MINOR;
    }

    public static Severity fromCode(String code) {
        for (Severity s : values()) if (s.code.equals(code)) return s;
        throw new IllegalArgumentException("unknown severity " + code);
    }
}
