package io.roadchief.jobs.water;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rejects single readings that move faster than water can (FloodNet-style rate-of-change filter).
 *
 * <p>The first reading of a gauge is held until the next one agrees with it. A reading within {@code maxRate · Δt + tolerance} of the last accepted one is accepted. One that
 * is not is held. If the next reading disagrees with the held one (the held one sticks out on both
 * sides), the held one was a spike and is dropped. If the next reading agrees with it and the change
 * is physical over the longer span, both are accepted (a fast real change); if
 * {@link WaterThresholds#STEP_CONFIRMATIONS} consecutive readings agree although the jump is not
 * physical, the jump is real anyway (a re-mounted sensor, debris removed) and they are accepted.
 */
public final class SpikeFilter {
    /** A reading that passed, to feed the smoother. */
    public record Point(long timeMs, int levelMm) {}

    /** What one reading did: the readings accepted now (0..n, in time order) and spikes dropped now. */
    public record Outcome(List<Point> accepted, int spikesDropped, boolean held) {}

    private final int toleranceMm;
    private boolean hasLast;
    private long lastTimeMs;
    private int lastMm;
    private final List<Point> held = new ArrayList<>();

    public SpikeFilter(int toleranceMm) {
        this.toleranceMm = toleranceMm;
    }

    public static SpikeFilter standard() {
        return new SpikeFilter(WaterThresholds.SPIKE_TOLERANCE_MM);
    }

    private boolean plausible(long fromMs, int fromMm, long toMs, int toMm, double maxRateMmPerMin) {
        double allowed = maxRateMmPerMin * Math.max(0, toMs - fromMs) / 60_000.0 + toleranceMm;
        return Math.abs(toMm - fromMm) <= allowed;
    }

    /** Offers a reading with the standard number of confirmations for a jump. */
    public Outcome offer(long timeMs, int levelMm, double maxRateMmPerMin) {
        return offer(timeMs, levelMm, maxRateMmPerMin, WaterThresholds.STEP_CONFIRMATIONS);
    }

    /**
     * Offers a reading.
     *
     * @param maxRateMmPerMin fastest the gauge's water can move (per kind)
     * @param confirmations   agreeing readings that make an unphysical jump believed
     */
    public Outcome offer(long timeMs, int levelMm, double maxRateMmPerMin, int confirmations) {
        Point p = new Point(timeMs, levelMm);
        if (!hasLast) {
            // Start-up: nothing to compare with yet, so the first reading waits for one that agrees.
            if (!held.isEmpty()) {
                Point prev = held.get(held.size() - 1);
                if (plausible(prev.timeMs(), prev.levelMm(), timeMs, levelMm, maxRateMmPerMin)) {
                    List<Point> ok = List.of(prev, p);
                    held.clear();
                    accept(prev);
                    accept(p);
                    return new Outcome(ok, 0, false);
                }
            }
            int dropped = held.size();
            held.clear();
            held.add(p);
            return new Outcome(List.of(), dropped, true);
        }
        if (held.isEmpty() && plausible(lastTimeMs, lastMm, timeMs, levelMm, maxRateMmPerMin)) {
            accept(p);
            return new Outcome(List.of(p), 0, false);
        }
        if (!held.isEmpty()) {
            Point prev = held.get(held.size() - 1);
            if (plausible(prev.timeMs(), prev.levelMm(), timeMs, levelMm, maxRateMmPerMin)) {
                held.add(p);
                // Agrees with the held readings; and either physical over the longer span since the
                // last accepted reading (a fast real change), or confirmed by enough readings (a step).
                if (plausible(lastTimeMs, lastMm, timeMs, levelMm, maxRateMmPerMin) || held.size() >= confirmations) {
                    List<Point> ok = new ArrayList<>(held);
                    held.clear();
                    for (Point q : ok) accept(q);
                    return new Outcome(ok, 0, false);
                }
                return new Outcome(List.of(), 0, true);
            }
        }
        // Disagrees with the held readings: they stuck out on both sides, so they were spikes.
        int dropped = held.size();
        held.clear();
        if (plausible(lastTimeMs, lastMm, timeMs, levelMm, maxRateMmPerMin)) {
            accept(p);
            return new Outcome(List.of(p), dropped, false);
        }
        held.add(p);
        return new Outcome(List.of(), dropped, true);
    }

    private void accept(Point p) {
        hasLast = true;
        lastTimeMs = p.timeMs();
        lastMm = p.levelMm();
    }

    public void write(DataOutput out) throws IOException {
        out.writeBoolean(hasLast);
        out.writeLong(lastTimeMs);
        out.writeInt(lastMm);
        out.writeByte(held.size());
        for (Point p : held) {
            out.writeLong(p.timeMs());
            out.writeInt(p.levelMm());
        }
    }

    public void read(DataInput in) throws IOException {
        hasLast = in.readBoolean();
        lastTimeMs = in.readLong();
        lastMm = in.readInt();
        int n = in.readByte();
        held.clear();
        for (int i = 0; i < n; i++) held.add(new Point(in.readLong(), in.readInt()));
    }
}
