package io.roadchief.schema;

import io.roadchief.local.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Guards the "one formula" rule: the SQL functions of V5 (what the index views compute) and their
 * Java mirror TantuIndex must give the same numbers and grades.
 */
class TantuIndexTest {
    private static final double[] DAMAGE_RATIOS_PCT = {0, 0.01, 0.1, 0.25, 0.5, 1, 2, 3.5, 5, 10, 20, 50, 100, 250};
    private static Database db;

    @BeforeAll
    static void migrate() {
        db = MigratedDatabase.create("tantu_index");
    }

    @Test
    void sqlAndJavaAgreeOverAGridOfRoughnessAndDamage() throws Exception {
        int checked = 0;
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT rqi(?), pci(?), tantu_index(?, ?), tantu_grade(tantu_index(?, ?))")) {
            for (int step = 0; step <= 48; step++) {
                double iri = step * 0.25; // 0 .. 12 m/km
                for (double dr : DAMAGE_RATIOS_PCT) {
                    ps.setDouble(1, iri);
                    ps.setDouble(2, dr);
                    ps.setDouble(3, iri);
                    ps.setDouble(4, dr);
                    ps.setDouble(5, iri);
                    ps.setDouble(6, dr);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        double index = TantuIndex.index(iri, dr);
                        assertThat(rs.getDouble(1)).as("rqi(%s)", iri).isCloseTo(TantuIndex.rqi(iri), within(1e-9));
                        assertThat(rs.getDouble(2)).as("pci(%s)", dr).isCloseTo(TantuIndex.pci(dr), within(1e-9));
                        assertThat(rs.getDouble(3)).as("tantu_index(%s, %s)", iri, dr).isCloseTo(index, within(1e-9));
                        assertThat(rs.getString(4)).as("tantu_grade at %s", index).isEqualTo(TantuIndex.grade(index).code);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(49 * DAMAGE_RATIOS_PCT.length);
    }

    @Test
    void damageRatioAgrees() throws Exception {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT damage_ratio_pct(?, ?, ?)")) {
            long[][] defects = {{0, 0}, {1, 0}, {0, 1}, {2, 3}, {10, 25}};
            double[] lengths = {0.5, 1, 37.5, 100, 104.2, 250};
            for (long[] d : defects) {
                for (double len : lengths) {
                    ps.setLong(1, d[0]);
                    ps.setLong(2, d[1]);
                    ps.setDouble(3, len);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getDouble(1)).as("%s severe, %s other on %s m", d[0], d[1], len)
                                .isCloseTo(TantuIndex.damageRatioPct(d[0], d[1], len), within(1e-9));
                    }
                }
            }
        }
    }

    @Test
    void anchorValuesFromTheFormula() {
        // A perfect road with no defects scores 0.6 * 100/1.0185 + 0.4 * 100.
        assertThat(TantuIndex.index(0, 0)).isCloseTo(0.6 * 100 / 1.0185 + 40, within(1e-12));
        // JTG 5210 RQI at IRI 2 m/km (a good urban arterial) is about 94.4.
        assertThat(TantuIndex.rqi(2.0)).isCloseTo(94.43, within(0.01));
        // Two severe potholes on a 100 m segment: DR = 4 / 350 = 1.14 %.
        assertThat(TantuIndex.damageRatioPct(2, 0, 100)).isCloseTo(400.0 / 350.0, within(1e-12));
        // Roughness and damage only ever lower the index.
        assertThat(TantuIndex.index(6, 0)).isLessThan(TantuIndex.index(3, 0));
        assertThat(TantuIndex.index(3, 2)).isLessThan(TantuIndex.index(3, 0));
    }

    @Test
    void gradeBoundariesAreInclusiveLowerBoundsInBothPlaces() throws Exception {
        double ulp = 1e-9;
        Object[][] cases = {
                {100.0, "excellent"}, {90.0, "excellent"}, {90.0 - ulp, "good"},
                {80.0, "good"}, {80.0 - ulp, "fair"},
                {70.0, "fair"}, {70.0 - ulp, "poor"},
                {60.0, "poor"}, {60.0 - ulp, "bad"}, {0.0, "bad"}, {-5.0, "bad"}};
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT tantu_grade(?)")) {
            for (Object[] k : cases) {
                double idx = (Double) k[0];
                String expected = (String) k[1];
                assertThat(TantuIndex.grade(idx).code).as("Java grade of %s", idx).isEqualTo(expected);
                ps.setDouble(1, idx);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).as("SQL grade of %s", idx).isEqualTo(expected);
                }
            }
        }
        assertThat(TantuIndex.Grade.EXCELLENT.zh).isEqualTo("优");
        assertThat(TantuIndex.Grade.GOOD.zh).isEqualTo("良");
        assertThat(TantuIndex.Grade.FAIR.zh).isEqualTo("中");
        assertThat(TantuIndex.Grade.POOR.zh).isEqualTo("次");
        assertThat(TantuIndex.Grade.BAD.zh).isEqualTo("差");
    }
}
