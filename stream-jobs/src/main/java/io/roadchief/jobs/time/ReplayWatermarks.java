package io.roadchief.jobs.time;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

import java.time.Duration;

/**
 * Bounded-out-of-orderness watermarks emitted from the records themselves rather than on Flink's
 * periodic wall-clock tick, for replays of recorded input.
 *
 * <p>Why: with periodic watermarks, where a watermark falls between the records depends on how
 * fast the machine replays. An input that finishes within one tick jumps straight to the final
 * (+inf) watermark, so an event-time timer that should have fired mid-stream (a dead gauge's
 * offline check) sees the end of input instead. Emitting from the records makes the watermark a
 * function of the input alone, so the same input gives the same output on a loaded CI machine and
 * a quiet laptop. Live jobs keep the periodic generator: there arrival order is not repeatable anyway.
 */
public final class ReplayWatermarks {
    private ReplayWatermarks() {}

    /**
     * @param lateness how far behind the newest record time the watermark stays (as
     *                 {@link WatermarkStrategy#forBoundedOutOfOrderness})
     * @param step     least advance between two emitted watermarks (0: every advance); a coarser
     *                 step saves watermark traffic on dense inputs and stays deterministic
     */
    public static <T> WatermarkStrategy<T> boundedOutOfOrderness(Duration lateness, Duration step,
                                                                 SerializableTimestampAssigner<T> time) {
        long latenessMs = lateness.toMillis();
        long stepMs = Math.max(1, step.toMillis());
        return WatermarkStrategy.<T>forGenerator(ctx -> new Generator<>(latenessMs, stepMs)).withTimestampAssigner(time);
    }

    static final class Generator<T> implements WatermarkGenerator<T> {
        private final long latenessMs;
        private final long stepMs;
        private long maxTs = Long.MIN_VALUE;
        private long emitted = Long.MIN_VALUE;

        Generator(long latenessMs, long stepMs) {
            this.latenessMs = latenessMs;
            this.stepMs = stepMs;
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            if (eventTimestamp <= maxTs) return;
            maxTs = eventTimestamp;
            long wm = maxTs - latenessMs - 1;
            if (emitted == Long.MIN_VALUE || wm - emitted >= stepMs) {
                emitted = wm;
                output.emitWatermark(new Watermark(wm));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // Nothing on the wall-clock tick: that is the point of this generator.
        }
    }
}
