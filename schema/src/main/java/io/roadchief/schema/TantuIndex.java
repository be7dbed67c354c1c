package io.roadchief.schema;

/**
 * 坦途指数 (smooth-road index) for Java callers. The authoritative definition, with its sources,
 * is the SQL in db/migration/V5__tantu_index.sql; this class mirrors it constant for constant and
 * TantuIndexTest checks both against each other on a real database.
 */
public final class TantuIndex {
    /** JTG 5210-2018 RQI constants for roads other than expressways. */
    public static final double RQI_A0 = 0.0185, RQI_A1 = 0.58;
    /** JTG 5210-2018 PCI constants for asphalt pavement. */
    public static final double PCI_B0 = 15.0, PCI_B1 = 0.412;
    /** Equivalent damaged area per open defect, m^2, and the lane width it is spread over, m. */
    public static final double SEVERE_AREA_M2 = 2.0, OTHER_AREA_M2 = 1.0, LANE_WIDTH_M = 3.5;
    public static final double RQI_WEIGHT = 0.6, PCI_WEIGHT = 0.4;

    /** Grades 优/良/中/次/差 with their lower bounds. */
    public enum Grade {
        EXCELLENT("excellent", "优", 90), GOOD("good", "良", 80), FAIR("fair", "中", 70),
        POOR("poor", "次", 60), BAD("bad", "差", Double.NEGATIVE_INFINITY);
        public final String code, zh;
        public final double lowerBound;
        Grade(String code, String zh, double lowerBound) { this.code = code; this.zh = zh; this.lowerBound = lowerBound; }
    }

    private TantuIndex() {}

    public static double rqi(double iriMPerKm) {
        return 100.0 / (1.0 + RQI_A0 * Math.exp(RQI_A1 * Math.max(iriMPerKm, 0.0)));
    }

    public static double pci(double damageRatioPct) {
        return Math.max(0.0, 100.0 - PCI_B0 * Math.pow(Math.max(damageRatioPct, 0.0), PCI_B1));
    }

    public static double damageRatioPct(long severeDefects, long otherDefects, double lengthM) {
        return 100.0 * (SEVERE_AREA_M2 * severeDefects + OTHER_AREA_M2 * otherDefects) / (Math.max(lengthM, 1.0) * LANE_WIDTH_M);
    }

    public static double index(double iriMPerKm, double damageRatioPct) {
        return RQI_WEIGHT * rqi(iriMPerKm) + PCI_WEIGHT * pci(damageRatioPct);
    }

    public static Grade grade(double index) {
        for (Grade g : Grade.values()) if (index >= g.lowerBound) return g;
        return Grade.BAD;
    }
}
