package io.roadchief.jobs.pavement;

/**
 * One acceleration event found by {@link DefectDetector}: a burst of band-passed vertical acceleration
 * above the detection threshold, with the features the classifier reads.
 *
 * @param startIndex     first sample above threshold (index into the pass)
 * @param endIndex       last sample above threshold
 * @param timeMs         device time of the start, epoch ms
 * @param chainageM      road chainage of the defect's estimated start, m
 * @param speedMs        speed at the event, m/s
 * @param peakPos        largest upward acceleration in the event window, m/s^2
 * @param peakNeg        largest downward acceleration (positive number), m/s^2
 * @param dipFirst       true when the first strong excursion is downward (the wheel dropped before it rose)
 * @param durationS      time from first to last exceedance, s
 * @param lengthM        durationS x speed, m
 * @param energy         integral of a^2 over the window, (m/s^2)^2 s
 * @param lowFreqShare   share of that energy below {@link DefectDetector#LOW_FREQ_HZ} (long-wave defects are mostly low)
 * @param peaks          number of alternating excursions above threshold (rough patches have many)
 * @param threshold      the detection threshold used, m/s^2
 * @param localRms       RMS of the signal in the {@link DefectDetector#LOCAL_S} around the event window, m/s^2:
 *                       the road's own roughness there, which a defect must stand out from
 */
public record AccEvent(int startIndex, int endIndex, long timeMs, double chainageM, double speedMs,
                       double peakPos, double peakNeg, boolean dipFirst, double durationS, double lengthM,
                       double energy, double lowFreqShare, int peaks, double threshold, double localRms) {

    public double peakAbs() {
        return Math.max(peakPos, peakNeg);
    }

    /** How far the event stands out of the local roughness. */
    public double prominence() {
        return peakAbs() / Math.max(localRms, 1e-3);
    }
}
