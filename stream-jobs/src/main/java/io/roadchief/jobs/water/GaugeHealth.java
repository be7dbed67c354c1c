package io.roadchief.jobs.water;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Health of one gauge: offline, stuck, noisy (spiking), low battery. Each condition is raised once
 * and cleared once; the rules and their constants are in {@link WaterThresholds}.
 */
public final class GaugeHealth {
    /**
     * A health condition starting or ending.
     *
     * @param risingNeighbours for a stuck gauge flagged by its neighbours: how many rose; 0 otherwise
     */
    public record Event(AlertKind kind, long atMs, String detail, int risingNeighbours) {
        public Event(AlertKind kind, long atMs, String detail) {
            this(kind, atMs, detail, 0);
        }
    }

    private boolean offline;
    private long lastReadingMs = Long.MIN_VALUE;
    private int lastIntervalS;

    private boolean stuck;
    private int flatMm = Integer.MIN_VALUE;
    private long flatSinceMs;
    private int flatCount;
    private double flatRainMm;
    private int flatNeighbourReadings;
    private int flatMostRisingNeighbours;

    private boolean noisy;
    private final Deque<Long> spikeTimes = new ArrayDeque<>();
    private long lastSpikeMs = Long.MIN_VALUE;

    private boolean lowBattery;
    private final int[] battery = new int[3];
    private int batteryCount;

    /** Applies one reading (raw level, before spike filtering: a stuck sensor repeats its raw value). */
    public List<Event> onReading(long timeMs, int levelMm, Float rainMm, Integer batteryMv, int intervalS, int spikesDropped) {
        return onReading(timeMs, levelMm, rainMm, batteryMv, intervalS, spikesDropped, 0);
    }

    /** @param risingNeighbours neighbours whose level was rising at this reading's time */
    public List<Event> onReading(long timeMs, int levelMm, Float rainMm, Integer batteryMv, int intervalS, int spikesDropped,
                                 int risingNeighbours) {
        List<Event> events = new ArrayList<>(1);
        if (offline) {
            offline = false;
            events.add(new Event(AlertKind.GAUGE_BACK_ONLINE, timeMs, "silent since " + lastReadingMs));
        }
        lastReadingMs = timeMs;
        lastIntervalS = intervalS;

        // Stuck: the exact same non-zero value, long enough, while it rained or the neighbours rose.
        boolean areaRising = risingNeighbours >= WaterThresholds.STUCK_MIN_RISING_NEIGHBOURS;
        if (levelMm == flatMm) {
            flatCount++;
            if (rainMm != null) flatRainMm += rainMm;
            if (areaRising) flatNeighbourReadings++;
            flatMostRisingNeighbours = Math.max(flatMostRisingNeighbours, risingNeighbours);
        } else {
            if (stuck) {
                stuck = false;
                events.add(new Event(AlertKind.GAUGE_STUCK_CLEARED, timeMs, "value changed from " + flatMm + " to " + levelMm));
            }
            flatMm = levelMm;
            flatSinceMs = timeMs;
            flatCount = 1;
            flatRainMm = 0;
            flatNeighbourReadings = areaRising ? 1 : 0;
            flatMostRisingNeighbours = risingNeighbours;
        }
        if (!stuck && flatMm > 0 && flatCount >= WaterThresholds.STUCK_MIN_READINGS
                && timeMs - flatSinceMs >= WaterThresholds.STUCK_MIN_DURATION.toMillis()) {
            boolean byRain = flatRainMm >= WaterThresholds.STUCK_MIN_RAIN_MM;
            if (byRain || flatNeighbourReadings >= WaterThresholds.STUCK_MIN_NEIGHBOUR_READINGS) {
                stuck = true;
                String over = String.format(java.util.Locale.ROOT, "%d readings of exactly %d mm over %d s", flatCount, flatMm,
                        (timeMs - flatSinceMs) / 1000);
                events.add(byRain
                        ? new Event(AlertKind.GAUGE_STUCK, timeMs, String.format(java.util.Locale.ROOT, "%s with %.1f mm of rain", over, flatRainMm))
                        : new Event(AlertKind.GAUGE_STUCK, timeMs, over + " while up to " + flatMostRisingNeighbours
                                + " neighbouring gauges rose", flatMostRisingNeighbours));
            }
        }

        // Noisy: several spikes in a short window.
        for (int i = 0; i < spikesDropped; i++) {
            spikeTimes.addLast(timeMs);
            lastSpikeMs = timeMs;
        }
        while (!spikeTimes.isEmpty() && spikeTimes.peekFirst() < timeMs - WaterThresholds.NOISY_WINDOW.toMillis()) spikeTimes.removeFirst();
        if (!noisy && spikeTimes.size() >= WaterThresholds.NOISY_SPIKES) {
            noisy = true;
            events.add(new Event(AlertKind.GAUGE_SPIKE, timeMs, spikeTimes.size() + " spikes rejected in "
                    + WaterThresholds.NOISY_WINDOW.toMinutes() + " min"));
        } else if (noisy && timeMs - lastSpikeMs >= WaterThresholds.NOISY_CLEAR_AFTER.toMillis()) {
            noisy = false;
            events.add(new Event(AlertKind.GAUGE_SPIKE_CLEARED, timeMs, "no spike for "
                    + WaterThresholds.NOISY_CLEAR_AFTER.toMinutes() + " min"));
        }

        // Low battery: median of the last three readings, with hysteresis.
        if (batteryMv != null) {
            battery[batteryCount % 3] = batteryMv;
            batteryCount++;
            if (batteryCount >= 3) {
                int median = median3(battery[0], battery[1], battery[2]);
                if (!lowBattery && median < WaterThresholds.LOW_BATTERY_MV) {
                    lowBattery = true;
                    events.add(new Event(AlertKind.GAUGE_LOW_BATTERY, timeMs, "battery " + median + " mV"));
                } else if (lowBattery && median >= WaterThresholds.BATTERY_OK_MV) {
                    lowBattery = false;
                    events.add(new Event(AlertKind.GAUGE_LOW_BATTERY_CLEARED, timeMs, "battery " + median + " mV"));
                }
            }
        }
        return events;
    }

    /** When the gauge counts as offline if nothing else arrives: last reading + N intervals; MIN_VALUE before any reading. */
    public long offlineDueMs() {
        if (lastReadingMs == Long.MIN_VALUE) return Long.MIN_VALUE;
        return lastReadingMs + (long) WaterThresholds.OFFLINE_INTERVALS * lastIntervalS * 1000L;
    }

    /**
     * Marks the gauge offline if it is due by {@code nowMs} (event time or wall time, see WaterRiskFunction).
     * The event is stamped with the due time, so both clocks produce the same alert.
     */
    public Event checkOffline(long nowMs) {
        long due = offlineDueMs();
        if (offline || due == Long.MIN_VALUE || nowMs < due) return null;
        offline = true;
        return new Event(AlertKind.GAUGE_OFFLINE, due, "no reading since " + lastReadingMs + " ("
                + WaterThresholds.OFFLINE_INTERVALS + " x " + lastIntervalS + " s)");
    }

    public long lastReadingMs() { return lastReadingMs; }

    public boolean noisy() { return noisy; }

    public int lastIntervalS() { return lastIntervalS; }

    /** gauge_state.health: the worst condition. */
    public String label() {
        if (offline) return "offline";
        if (stuck) return "stuck";
        if (noisy) return "noisy";
        if (lowBattery) return "low_battery";
        return "ok";
    }

    private static int median3(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    public void write(DataOutput out) throws IOException {
        out.writeBoolean(offline);
        out.writeLong(lastReadingMs);
        out.writeInt(lastIntervalS);
        out.writeBoolean(stuck);
        out.writeInt(flatMm);
        out.writeLong(flatSinceMs);
        out.writeInt(flatCount);
        out.writeDouble(flatRainMm);
        out.writeBoolean(noisy);
        out.writeShort(spikeTimes.size());
        for (long t : spikeTimes) out.writeLong(t);
        out.writeLong(lastSpikeMs);
        out.writeBoolean(lowBattery);
        for (int b : battery) out.writeInt(b);
        out.writeInt(batteryCount);
    }

    public void read(DataInput in) throws IOException {
        offline = in.readBoolean();
        lastReadingMs = in.readLong();
        lastIntervalS = in.readInt();
        stuck = in.readBoolean();
        flatMm = in.readInt();
        flatSinceMs = in.readLong();
        flatCount = in.readInt();
        flatRainMm = in.readDouble();
        noisy = in.readBoolean();
        int n = in.readShort();
        spikeTimes.clear();
        for (int i = 0; i < n; i++) spikeTimes.addLast(in.readLong());
        lastSpikeMs = in.readLong();
        lowBattery = in.readBoolean();
        for (int i = 0; i < 3; i++) battery[i] = in.readInt();
        batteryCount = in.readInt();
    }

    /** Fields added in gauge state format 2. */
    public void writeNeighbourFields(DataOutput out) throws IOException {
        out.writeInt(flatNeighbourReadings);
        out.writeInt(flatMostRisingNeighbours);
    }

    public void readNeighbourFields(DataInput in) throws IOException {
        flatNeighbourReadings = in.readInt();
        flatMostRisingNeighbours = in.readInt();
    }
}
