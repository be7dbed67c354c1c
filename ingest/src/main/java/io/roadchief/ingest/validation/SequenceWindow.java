package io.roadchief.ingest.validation;

/**
 * Which of a device's recent sequence numbers have been accepted: the highest one and a ring of
 * bits for the {@code size} below it. Constant memory per device (size / 8 bytes), O(1) per message,
 * tolerant of reordering within the window. A public-field POJO so Flink serializes it without Kryo.
 */
public class SequenceWindow {
    public long highest = -1;
    public long[] bits;

    public SequenceWindow() {}

    public SequenceWindow(int size) {
        bits = new long[Math.max(1, size / 64)];
    }

    private int size() {
        return bits.length * 64;
    }

    /** What a sequence number is, relative to what was accepted before. */
    public enum Verdict { NEW, DUPLICATE, BEYOND_WINDOW }

    /** Records {@code seq} as accepted if it is new. */
    public Verdict accept(long seq) {
        int size = size();
        if (highest < 0 || seq > highest) {
            long advance = highest < 0 ? size : seq - highest;
            if (advance >= size) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long s = highest + 1; s < seq; s++) clear(s);
            }
            highest = seq;
            set(seq);
            return Verdict.NEW;
        }
        if (highest - seq >= size) return Verdict.BEYOND_WINDOW;
        if (isSet(seq)) return Verdict.DUPLICATE;
        set(seq);
        return Verdict.NEW;
    }

    private int slot(long seq) {
        return (int) Math.floorMod(seq, (long) size());
    }

    private boolean isSet(long seq) {
        int i = slot(seq);
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(long seq) {
        int i = slot(seq);
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long seq) {
        int i = slot(seq);
        bits[i >>> 6] &= ~(1L << (i & 63));
    }
}
