package io.roadchief.jobs.water;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Rain a gauge's own rain gauge measured recently, as an hourly rate (for the heavy-rain rule). */
public final class RainfallWindow {
    private final long windowMs;
    private final Deque<double[]> samples = new ArrayDeque<>();

    public RainfallWindow(long windowMs) {
        this.windowMs = windowMs;
    }

    public static RainfallWindow standard() {
        return new RainfallWindow(WaterThresholds.RAIN_RATE_WINDOW.toMillis());
    }

    public void add(long timeMs, Float rainMm) {
        if (rainMm != null && rainMm > 0) samples.addLast(new double[] {timeMs, rainMm});
        while (!samples.isEmpty() && samples.peekFirst()[0] <= timeMs - windowMs) samples.removeFirst();
    }

    /** Rain over the window scaled to mm/h. */
    public double mmPerHour() {
        double sum = 0;
        for (double[] s : samples) sum += s[1];
        return sum * 3_600_000.0 / windowMs;
    }

    public boolean heavy() {
        return mmPerHour() >= WaterThresholds.HEAVY_RAIN_MM_PER_H;
    }

    public void write(DataOutput out) throws IOException {
        out.writeShort(samples.size());
        for (double[] s : samples) {
            out.writeLong((long) s[0]);
            out.writeFloat((float) s[1]);
        }
    }

    public void read(DataInput in) throws IOException {
        samples.clear();
        int n = in.readShort();
        for (int i = 0; i < n; i++) samples.addLast(new double[] {in.readLong(), in.readFloat()});
    }
}
