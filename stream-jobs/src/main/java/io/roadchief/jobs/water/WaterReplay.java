package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;
import io.roadchief.ingest.telemetry.TelemetryRecords;
import io.roadchief.schema.v1.Envelope;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.jobs.time.ReplayWatermarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real water pipeline on a local MiniCluster over recorded or simulated gauge readings
 * (evaluation, tests, benchmarks): source -> receive-time stamp (optionally paced) -> event time ->
 * {@link WaterPipeline#attach}.
 */
public final class WaterReplay {
    private WaterReplay() {}

    /** A gauge envelope as the ingest operators decode it (units: mm, mV, rain 0.1 mm -> mm). */
    public static List<GaugeObservation> observations(List<Envelope> envelopes) {
        List<GaugeObservation> out = new ArrayList<>(envelopes.size());
        for (Envelope e : envelopes) if (e.hasGauge()) out.add(TelemetryRecords.gaugeObservation(e, 0));
        return out;
    }

    /**
     * Runs the pipeline to the end of the input.
     *
     * @param perSecond  readings per second of wall-clock time (0: as fast as possible); pacing makes
     *                   the reading-to-alert latency meaningful (no queue in front of the job)
     */
    public static JobExecutionResult run(List<GaugeObservation> input, WaterConfig config, int parallelism,
                                         double perSecond, Duration lateness) throws Exception {
        return run(input, config, parallelism, perSecond, lateness, null);
    }

    /**
     * @param bufferTimeout how long Flink may hold a network buffer before sending it (null: Flink's
     *                      default, 100 ms); it bounds the latency added at every keyBy
     */
    public static JobExecutionResult run(List<GaugeObservation> input, WaterConfig config, int parallelism,
                                         double perSecond, Duration lateness, Duration bufferTimeout) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        if (bufferTimeout != null) env.setBufferTimeout(bufferTimeout.toMillis());
        env.enableCheckpointing(2_000);
        DataStream<GaugeObservation> timed = env.fromData(input).name("gauge-readings").setParallelism(1)
                .map(new ReceiveStamp(perSecond)).name("receive-stamp").setParallelism(1)
                // Watermarks from the readings, not the wall-clock tick: the same input, the same alerts.
                .assignTimestampsAndWatermarks(ReplayWatermarks.<GaugeObservation>boundedOutOfOrderness(lateness, Duration.ZERO,
                        (o, t) -> o.deviceTimeMs()))
                .setParallelism(1);
        WaterPipeline.attach(timed, config);
        return env.execute("water-replay");
    }

    /** The water alerts in the alert table, in (raised_at, kind, gauge) order; receivedAtMs = created_at. */
    public static List<WaterAlert> alertsInDatabase(JdbcTarget db) throws SQLException {
        List<WaterAlert> out = new ArrayList<>();
        try (Connection c = db.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT alert_id, raised_at, kind, source_id, level, message_zh, message_en, detail, created_at "
                     + "FROM alert WHERE kind LIKE 'water_%' OR kind LIKE 'gauge_%' ORDER BY raised_at, kind, source_id")) {
            while (rs.next()) {
                out.add(new WaterAlert(rs.getString(1), rs.getTimestamp(2).getTime(), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).getTime()));
            }
        }
        return out;
    }

    /**
     * Reading-to-alert-row latencies, ms, sorted: alert.created_at (the database clock when the sink's
     * transaction wrote it) minus the receive time of the reading that caused the alert.
     */
    public static long[] alertRowLatenciesMs(JdbcTarget db) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (extract(epoch FROM created_at) * 1000)::bigint - (detail::json->>'received_at_ms')::bigint "
                     + "FROM alert WHERE (detail::json->>'received_at_ms')::bigint > 0")) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Stamps receivedAtMs with the wall clock, as the ingest source does, holding an optional rate. */
    static final class ReceiveStamp extends RichMapFunction<GaugeObservation, GaugeObservation> {
        private final double perSecond;
        private transient long startNs;
        private transient long count;

        ReceiveStamp(double perSecond) {
            this.perSecond = perSecond;
        }

        @Override
        public void open(OpenContext ctx) {
            startNs = System.nanoTime();
        }

        @Override
        public GaugeObservation map(GaugeObservation o) throws Exception {
            if (perSecond > 0) {
                long dueNs = startNs + (long) (count * 1e9 / perSecond);
                long waitNs = dueNs - System.nanoTime();
                if (waitNs > 0) Thread.sleep(waitNs / 1_000_000, (int) (waitNs % 1_000_000));
            }
            count++;
            return new GaugeObservation(o.gaugeId(), o.seq(), o.deviceTimeMs(), System.currentTimeMillis(), o.levelMm(),
                    o.rainfallMm(), o.batteryMv(), o.intervalS());
        }
    }
}
