package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.api.common.typeinfo.Types;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's timers: offline by wall clock when nothing arrives at all, and by event time on replay. */
class WaterRiskFunctionTest {
    static final long T0 = 1_782_000_000_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, ReadingInArea, GaugeStateUpdate> harness(boolean wallClock) throws Exception {
        WaterRiskFunction f = new WaterRiskFunction(Map.of("WG-1", WaterLogicTest.PONDING), wallClock);
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f), r -> r.reading().gaugeId(), Types.STRING);
    }

    private static ReadingInArea in(GaugeObservation o) {
        return new ReadingInArea(o, 0);
    }

    private static List<WaterAlert> alerts(KeyedOneInputStreamOperatorTestHarness<String, ReadingInArea, GaugeStateUpdate> h) {
        return h.getSideOutput(WaterRiskFunction.ALERTS) == null ? List.of()
                : h.getSideOutput(WaterRiskFunction.ALERTS).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aGaugeThatFallsSilentIsFlaggedByWallClockEvenWithoutAnyWatermark() throws Exception {
        try (var h = harness(true)) {
            h.open();
            h.setProcessingTime(1_000);
            for (int i = 0; i < 3; i++) h.processElement(in(new GaugeObservation("WG-1", i, T0 + i * 60_000L, 0, 10, 0f, 3600, 60)), T0 + i * 60_000L);
            h.setProcessingTime(1_000 + 179_000);
            assertThat(alerts(h)).isEmpty();
            h.setProcessingTime(1_000 + 181_000);
            assertThat(alerts(h)).extracting(WaterAlert::kind).containsExactly("gauge_offline");
            WaterAlert off = alerts(h).get(0);
            // Stamped with the event-time due moment: last reading + 3 intervals, whichever clock saw it.
            assertThat(off.raisedAtMs()).isEqualTo(T0 + 120_000 + 180_000);
            assertThat(off.messageZh()).startsWith("【设备离线】文三路积水点01");
            // The event-time timer for the same moment later finds it already offline: no second alert.
            h.processWatermark(T0 + 400_000);
            assertThat(alerts(h)).hasSize(1);
            h.processElement(in(new GaugeObservation("WG-1", 9, T0 + 500_000, 0, 10, 0f, 3600, 60)), T0 + 500_000);
            assertThat(alerts(h)).extracting(WaterAlert::kind).containsExactly("gauge_offline", "gauge_back_online");
        }
    }

    @Test
    void afterARestoreTheOverdueWallClockTimerWaitsForTheBacklog() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = harness(true)) {
            h.open();
            h.setProcessingTime(1_000);
            h.processElement(in(new GaugeObservation("WG-1", 1, T0, 0, 10, 0f, 3600, 60)), T0);
            snapshot = h.snapshot(1, 2_000);
        }
        try (var h = harness(true)) {
            h.initializeState(snapshot);
            h.open();
            // The job was down for an hour: the restored timer is overdue, but the gauge gets 3 intervals.
            h.setProcessingTime(3_600_000);
            assertThat(alerts(h)).isEmpty();
            h.processElement(in(new GaugeObservation("WG-1", 2, T0 + 60_000, 0, 10, 0f, 3600, 60)), T0 + 60_000);
            h.setProcessingTime(3_600_000 + 170_000);
            assertThat(alerts(h)).isEmpty();
            // Silent for 3 intervals after the restart: now it is offline.
            h.setProcessingTime(3_600_000 + 181_000);
            assertThat(alerts(h)).extracting(WaterAlert::kind).containsExactly("gauge_offline");
        }
    }

    @Test
    void onReplayTheWatermarkFlagsTheSilentGaugeButTheEndOfInputDoesNot() throws Exception {
        try (var h = harness(false)) {
            h.open();
            h.processElement(in(new GaugeObservation("WG-1", 1, T0, 0, 10, 0f, 3600, 15)), T0);
            h.processWatermark(T0 + 44_000);
            assertThat(alerts(h)).isEmpty();
            h.processWatermark(T0 + 45_000);
            assertThat(alerts(h)).extracting(WaterAlert::kind).containsExactly("gauge_offline");
            h.processElement(in(new GaugeObservation("WG-1", 2, T0 + 60_000, 0, 10, 0f, 3600, 15)), T0 + 60_000);
            h.processWatermark(Long.MAX_VALUE);
            assertThat(alerts(h)).extracting(WaterAlert::kind).containsExactly("gauge_offline", "gauge_back_online");
        }
    }
}
