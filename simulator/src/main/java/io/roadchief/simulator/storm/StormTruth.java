package io.roadchief.simulator.storm;

import java.util.List;
import java.util.Map;

/**
 * What really happened in a storm run, to score the alerts against.
 *
 * @param crossings      every upward crossing of a threshold by the TRUE level (one per episode)
 * @param peakMm         highest true level per gauge
 * @param deaths         gauges that stopped reporting: gauge id -> time of the last reading sent, and
 *                       the interval it was reporting at
 * @param stuck          gauges whose sensor froze: gauge id -> [from, to) epoch ms
 * @param noisy          gauges with a faulty, spiking sensor
 * @param lowBattery     gauges whose battery fell below the low-voltage level: id -> first time below
 * @param lowBatteryMv   the voltage the simulator treats as low
 */
public record StormTruth(List<Crossing> crossings, Map<String, Double> peakMm, Map<String, Death> deaths,
                         Map<String, long[]> stuck, List<String> noisy, Map<String, Long> lowBattery, int lowBatteryMv) {

    /**
     * An upward crossing of a level's threshold by the true level.
     *
     * @param level      blue/yellow/orange/red
     * @param timeMs     interpolated crossing time
     * @param peakMm     highest true level of the episode that began with this crossing
     * @param observable false when the gauge was dead or frozen at that time (no reading could show it)
     */
    public record Crossing(String gaugeId, String level, int levelIndex, int thresholdMm, long timeMs, double peakMm,
                           boolean observable) {
        /** A peak within the sensor's tolerance of the threshold: either outcome is acceptable. */
        public boolean marginal(double toleranceMm) {
            return peakMm < thresholdMm + toleranceMm;
        }
    }

    /** A gauge that died: the last reading it sent, at what interval it was reporting, when it died. */
    public record Death(long lastReadingMs, int intervalS, long diedAtMs) {}
}
