package io.roadchief.simulator.road;

import io.roadchief.schema.v1.DefectType;

/**
 * THE severity rule for pavement defects, from their size (loosely after JTG 5210 / CJJ 36 practice:
 * a pothole 5 cm deep can throw a two-wheeler; manhole covers may sit at most 5 mm off the surface).
 *
 * <pre>
 * type        measure              severe      moderate     minor
 * POTHOLE     depth                >= 50 mm    >= 25 mm     below
 * SUBSIDENCE  depth                >= 40 mm    >= 25 mm     below
 * BUMP        height               >= 40 mm    >= 25 mm     below
 * RUTTING     depth                >= 25 mm    >= 15 mm     below
 * MANHOLE     |cover offset|       >= 30 mm    >= 15 mm     below
 * CRACK       roughness amplitude  >= 10 mm    >= 5 mm      below   (龟裂 patch, peak-to-mean)
 * </pre>
 *
 * A ticket's deadline follows from severity via io.roadchief.schema.RepairSla (severe: 24 h).
 */
public final class DefectSeverity {
    private DefectSeverity() {}

    /** @param magnitudeM depth, height, offset or amplitude in metres (sign ignored) */
    public static Severity of(DefectType type, double magnitudeM) {
        double mm = Math.abs(magnitudeM) * 1000;
        double severe, moderate;
        switch (type) {
            case POTHOLE -> { severe = 50; moderate = 25; }
            case SUBSIDENCE, BUMP -> { severe = 40; moderate = 25; }
            case RUTTING -> { severe = 25; moderate = 15; }
            case MANHOLE -> { severe = 30; moderate = 15; }
            case CRACK -> { severe = 10; moderate = 5; }
            default -> throw new IllegalArgumentException("not a defect type: " + type);
        }
        return mm >= severe ? Severity.SEVERE : mm >= moderate ? Severity.MODERATE : Severity.MINOR;
    }
}
