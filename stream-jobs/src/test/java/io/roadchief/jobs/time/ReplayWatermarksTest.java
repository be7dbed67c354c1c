package io.roadchief.jobs.time;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayWatermarksTest {

    /** Collects what the generator emits. */
    private static final class Recorder implements WatermarkOutput {
        final List<Long> emitted = new ArrayList<>();
        @Override public void emitWatermark(Watermark w) { emitted.add(w.getTimestamp()); }
        @Override public void markIdle() {}
        @Override public void markActive() {}
    }

    @Test
    void watermarksFollowTheRecordsAndIgnoreTheWallClockTick() {
        ReplayWatermarks.Generator<String> g = new ReplayWatermarks.Generator<>(5_000, 1);
        Recorder out = new Recorder();
        for (long ts : new long[] {10_000, 12_000, 11_000, 12_000, 20_000}) {
            g.onEvent("r", ts, out);
            g.onPeriodicEmit(out);
        }
        // lateness 5 s, as forBoundedOutOfOrderness: newest time - 5 s - 1 ms; no repeats, never backwards.
        assertThat(out.emitted).containsExactly(4_999L, 6_999L, 14_999L);
    }

    @Test
    void aCoarserStepEmitsLessButFromTheSameRecords() {
        ReplayWatermarks.Generator<String> g = new ReplayWatermarks.Generator<>(0, 1_000);
        Recorder out = new Recorder();
        for (long ts = 0; ts <= 3_000; ts += 250) g.onEvent("r", ts, out);
        assertThat(out.emitted).containsExactly(-1L, 999L, 1_999L, 2_999L);
    }
}
