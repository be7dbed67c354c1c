package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.Map;

/**
 * Water risk per gauge, keyed by gauge id, in event time. The logic is in {@link WaterAssessor};
 * this function holds the keyed state (one byte[] per gauge, see {@link GaugeMemory}), the gauge
 * catalog and the offline timers. Main output: gauge_state updates; side output {@link #ALERTS}.
 *
 * <p>Readings are processed as they arrive (no re-ordering buffer, so an alert costs no watermark
 * delay); a reading older than the gauge's last one is ignored by the assessor.
 *
 * <p>Offline detection uses two clocks:
 * <ul>
 *   <li>an event-time timer at last reading + N intervals: it fires once the watermark (driven by
 *       all other gauges) passes it, so replays of history flag dead gauges exactly and repeatably;</li>
 *   <li>a processing-time timer, re-armed per reading at arrival + N intervals of wall-clock time:
 *       it fires even when no data at all arrives (the watermark then stalls).</li>
 * </ul>
 * Either way the alert is stamped with the due time (last reading + N intervals), so both produce
 * the same alert id and the sink keeps one. The end of a bounded input (watermark = +inf) is not an outage,
 * and neither is a restart of the job (wall-clock timers wait N intervals after {@link #open}).
 *
 * <p>Input: readings with the number of rising neighbours ({@link RisingNeighboursFunction}), which
 * the stuck check uses. The catalog ({@link CatalogView}) gives each gauge its thresholds; gauges
 * missing from it get road-ponding defaults.
 */
public final class WaterRiskFunction extends KeyedProcessFunction<String, ReadingInArea, GaugeStateUpdate> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<WaterAlert> ALERTS = new OutputTag<>("water-alerts") {};

    private final CatalogView catalog;
    private final boolean wallClockOffline;

    private transient ValueState<byte[]> memory;
    private transient Counter staleReadings;
    private transient Counter alertsRaised;
    private transient long openedAtWallMs;

    /** Catalog from the database. */
    public WaterRiskFunction(WaterConfig config) {
        this(CatalogView.fromDatabase(config.database(), config.catalogRefresh().toMillis()), config.wallClockOffline());
    }

    /** Catalog given directly (tests, or a job without a database). */
    public WaterRiskFunction(Map<String, GaugeConfig> catalog, boolean wallClockOffline) {
        this(CatalogView.fixed(catalog), wallClockOffline);
    }

    private WaterRiskFunction(CatalogView catalog, boolean wallClockOffline) {
        this.catalog = catalog;
        this.wallClockOffline = wallClockOffline;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        memory = getRuntimeContext().getState(new ValueStateDescriptor<>("gauge-memory", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        staleReadings = getRuntimeContext().getMetricGroup().counter("staleGaugeReadings");
        alertsRaised = getRuntimeContext().getMetricGroup().counter("waterAlerts");
        openedAtWallMs = -1;
        catalog.open();
    }

    private GaugeConfig config(String gaugeId, int intervalS) throws Exception {
        GaugeConfig g = catalog.find(gaugeId);
        return g != null ? g : GaugeConfig.unknown(gaugeId, intervalS);
    }

    @Override
    public void processElement(ReadingInArea in, Context ctx, Collector<GaugeStateUpdate> out) throws Exception {
        GaugeObservation o = in.reading();
        GaugeMemory m = GaugeMemory.fromBytes(memory.value());
        GaugeConfig g = config(o.gaugeId(), o.intervalS());
        WaterAssessor.Result r = WaterAssessor.onReading(g, m, o, in.risingNeighbours());
        if (r == null) {
            staleReadings.inc();
            return;
        }
        emit(r, ctx, out);
        // Re-arm the offline timers for this reading.
        long due = m.health().offlineDueMs();
        if (m.eventTimerMs != due) {
            if (m.eventTimerMs != Long.MIN_VALUE) ctx.timerService().deleteEventTimeTimer(m.eventTimerMs);
            ctx.timerService().registerEventTimeTimer(due);
            m.eventTimerMs = due;
        }
        if (wallClockOffline) {
            long now = ctx.timerService().currentProcessingTime();
            openedAt(now);
            m.lastArrivalWallMs = now;
            long wallDue = now + (due - m.health().lastReadingMs());
            if (m.wallTimerMs != Long.MIN_VALUE) ctx.timerService().deleteProcessingTimeTimer(m.wallTimerMs);
            ctx.timerService().registerProcessingTimeTimer(wallDue);
            m.wallTimerMs = wallDue;
        }
        memory.update(m.toBytes());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GaugeStateUpdate> out) throws Exception {
        GaugeMemory m = GaugeMemory.fromBytes(memory.value());
        long checkAt;
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            if (timestamp != m.eventTimerMs) return;
            m.eventTimerMs = Long.MIN_VALUE;
            // End of a bounded input flushes every timer with an infinite watermark: not an outage.
            if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
                memory.update(m.toBytes());
                return;
            }
            checkAt = timestamp;
        } else {
            if (timestamp != m.wallTimerMs) return;
            m.wallTimerMs = Long.MIN_VALUE;
            // After a restart the restored wall-clock timers are overdue because the JOB was down; give
            // the backlog N intervals to arrive before calling the gauge offline.
            long span = m.health().offlineDueMs() - m.health().lastReadingMs();
            long now = ctx.timerService().currentProcessingTime();
            long opened = openedAt(now);
            if (now - opened < span) {
                m.wallTimerMs = opened + span;
                ctx.timerService().registerProcessingTimeTimer(m.wallTimerMs);
                memory.update(m.toBytes());
                return;
            }
            // Nothing arrived for N intervals of wall-clock time: the gauge is overdue in event time too.
            checkAt = m.health().offlineDueMs();
        }
        String gaugeId = ctx.getCurrentKey();
        WaterAssessor.Result r = WaterAssessor.onOfflineCheck(config(gaugeId, m.health().lastIntervalS()), m, checkAt);
        if (r != null) emit(r, ctx, out);
        memory.update(m.toBytes());
    }

    /** Processing time this instance first saw (the timer service is not available in open()). */
    private long openedAt(long now) {
        if (openedAtWallMs < 0) openedAtWallMs = now;
        return openedAtWallMs;
    }

    private void emit(WaterAssessor.Result r, Context ctx, Collector<GaugeStateUpdate> out) {
        out.collect(r.state());
        for (WaterAlert a : r.alerts()) {
            ctx.output(ALERTS, a);
            alertsRaised.inc();
        }
    }
}
