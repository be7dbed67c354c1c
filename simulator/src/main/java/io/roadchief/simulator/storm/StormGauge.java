package io.roadchief.simulator.storm;

import java.util.List;
import java.util.Locale;

/**
 * One gauge as the gauge catalog (the {@code gauge} table, GaugeCatalog's CSV columns) describes it.
 * Thresholds are mm on the gauge's own datum; drain gauges have them relative to the manhole rim.
 */
public record StormGauge(String gaugeId, String nameZh, String nameEn, String kind, double lat, double lon,
                         String segmentId, String districtCode, int intervalS, int rangeMm,
                         Integer rimMm, Integer crownMm, int blueMm, int yellowMm, int orangeMm, int redMm) {

    public static final String ROAD_PONDING = "road_ponding";
    public static final String DRAIN = "drain";
    /** The CSV header GaugeCatalog reads. */
    public static final String CSV_HEADER =
            "gauge_id,name_zh,name_en,kind,lat,lon,segment_id,district_code,interval_s,range_mm,rim_mm,crown_mm,blue_mm,yellow_mm,orange_mm,red_mm";
    /** Level names in rising order, as the alert and gauge_state tables spell them. */
    public static final List<String> LEVELS = List.of("blue", "yellow", "orange", "red");

    /** Threshold of a level: 0 blue .. 3 red. */
    public int threshold(int levelIndex) {
        return switch (levelIndex) {
            case 0 -> blueMm;
            case 1 -> yellowMm;
            case 2 -> orangeMm;
            case 3 -> redMm;
            default -> throw new IllegalArgumentException("level index " + levelIndex);
        };
    }

    public String csvRow() {
        return String.join(",", gaugeId, nameZh, nameEn, kind,
                String.format(Locale.ROOT, "%.6f", lat), String.format(Locale.ROOT, "%.6f", lon),
                segmentId == null ? "" : segmentId, districtCode == null ? "" : districtCode,
                Integer.toString(intervalS), Integer.toString(rangeMm),
                rimMm == null ? "" : rimMm.toString(), crownMm == null ? "" : crownMm.toString(),
                Integer.toString(blueMm), Integer.toString(yellowMm), Integer.toString(orangeMm), Integer.toString(redMm));
    }

    /** The catalog as CSV text (header + one row per gauge). */
    public static String csv(List<StormGauge> gauges) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (StormGauge g : gauges) sb.append(g.csvRow()).append('\n');
        return sb.toString();
    }
}
