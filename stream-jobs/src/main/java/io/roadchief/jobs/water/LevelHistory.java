package io.roadchief.jobs.water;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One gauge's recent levels as its neighbours see them: the median of its last 3 raw readings (so
 * a single spike does not look like a rise), kept for {@link WaterThresholds#NEIGHBOUR_RISE_WINDOW}.
 */
public final class LevelHistory {
    /** Enough for 5-second reporting over the window; older points are dropped first anyway. */
    private static final int CAPACITY = 256;
    private final long[] times = new long[CAPACITY];
    private final int[] levels = new int[CAPACITY];
    private int head;   // index of the oldest point
    private int count;
    private final int[] raw = new int[3];
    private int rawCount;

    /** Adds a reading (in time order; older ones are ignored). */
    public void add(long timeMs, int levelMm) {
        if (count > 0 && timeMs <= times[(head + count - 1) % CAPACITY]) return;
        raw[rawCount % 3] = levelMm;
        rawCount++;
        int robust = rawCount >= 3 ? median3(raw[0], raw[1], raw[2]) : levelMm;
        long from = timeMs - WaterThresholds.NEIGHBOUR_RISE_WINDOW.toMillis();
        while (count > 0 && (times[head] < from || count == CAPACITY)) {
            head = (head + 1) % CAPACITY;
            count--;
        }
        int i = (head + count) % CAPACITY;
        times[i] = timeMs;
        levels[i] = robust;
        count++;
    }

    /** Whether the level rose by {@link WaterThresholds#NEIGHBOUR_RISE_MM} within the window ending at {@code atMs}. */
    public boolean risingAt(long atMs) {
        if (count < 3) return false;
        long from = atMs - WaterThresholds.NEIGHBOUR_RISE_WINDOW.toMillis();
        int last = (head + count - 1) % CAPACITY;
        if (times[last] < from) return false; // silent for the whole window: no evidence
        int min = Integer.MAX_VALUE;
        for (int k = 0; k < count; k++) {
            int i = (head + k) % CAPACITY;
            if (times[i] >= from) min = Math.min(min, levels[i]);
        }
        return levels[last] - min >= WaterThresholds.NEIGHBOUR_RISE_MM;
    }

    private static int median3(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** The state format (keyed MapState of {@link RisingNeighboursFunction}). */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LevelHistory fromBytes(byte[] b) {
        try {
            return read(new DataInputStream(new ByteArrayInputStream(b)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(DataOutput out) throws IOException {
        out.writeShort(count);
        for (int k = 0; k < count; k++) {
            int i = (head + k) % CAPACITY;
            out.writeLong(times[i]);
            out.writeInt(levels[i]);
        }
        for (int r : raw) out.writeInt(r);
        out.writeInt(rawCount);
    }

    private static LevelHistory read(DataInput in) throws IOException {
        LevelHistory h = new LevelHistory();
        h.count = in.readShort();
        for (int k = 0; k < h.count; k++) {
            h.times[k] = in.readLong();
            h.levels[k] = in.readInt();
        }
        for (int i = 0; i < 3; i++) h.raw[i] = in.readInt();
        h.rawCount = in.readInt();
        return h;
    }
}
