package io.roadchief.jobs.water;

import io.roadchief.jobs.sink.JdbcTarget;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upserts gauge_state, keeping only the newest update per gauge between flushes. (A plain batched
 * upsert cannot carry two rows for one key: with reWriteBatchedInserts PostgreSQL rejects an
 * INSERT .. ON CONFLICT DO UPDATE that touches a row twice; and only the latest state matters.)
 * Flushed every {@code maxDelayMs}, when full, and before every checkpoint; the upsert only moves
 * a row forward in time, so replays and late updates never regress it. Retries with backoff.
 */
public final class GaugeStateSink implements Sink<GaugeStateUpdate> {
    private static final long serialVersionUID = 1L;
    static final String SQL = """
            INSERT INTO gauge_state (gauge_id, at, level_mm, smoothed_mm, rise_mm_min, risk_level, eta_next_s, health, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (gauge_id) DO UPDATE SET at = EXCLUDED.at, level_mm = EXCLUDED.level_mm,
                smoothed_mm = EXCLUDED.smoothed_mm, rise_mm_min = EXCLUDED.rise_mm_min, risk_level = EXCLUDED.risk_level,
                eta_next_s = EXCLUDED.eta_next_s, health = EXCLUDED.health, updated_at = now()
            WHERE gauge_state.at <= EXCLUDED.at""";

    private final JdbcTarget target;
    private final long maxDelayMs;
    private final int maxRows;

    public GaugeStateSink(JdbcTarget target, long maxDelayMs, int maxRows) {
        this.target = target;
        this.maxDelayMs = maxDelayMs;
        this.maxRows = maxRows;
    }

    @Override
    public SinkWriter<GaugeStateUpdate> createWriter(WriterInitContext context) {
        return new Writer(this, context.getProcessingTimeService());
    }

    private static final class Writer implements SinkWriter<GaugeStateUpdate> {
        private static final Logger log = LoggerFactory.getLogger(GaugeStateSink.class);
        private static final long RETRY_FOR_MS = 600_000;
        private final GaugeStateSink spec;
        private final ProcessingTimeService time;
        private final Map<String, GaugeStateUpdate> latest = new LinkedHashMap<>();
        private Connection connection;
        private PreparedStatement statement;
        private boolean timerArmed;

        Writer(GaugeStateSink spec, ProcessingTimeService time) {
            this.spec = spec;
            this.time = time;
        }

        @Override
        public void write(GaugeStateUpdate u, Context context) throws IOException, InterruptedException {
            GaugeStateUpdate prev = latest.get(u.gaugeId());
            if (prev == null || prev.atMs() <= u.atMs()) latest.put(u.gaugeId(), u);
            if (latest.size() >= spec.maxRows) {
                writeAll();
            } else if (!timerArmed) {
                timerArmed = true;
                time.registerTimer(time.getCurrentProcessingTime() + spec.maxDelayMs, ts -> {
                    timerArmed = false;
                    writeAll();
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writeAll();
        }

        private void writeAll() throws IOException, InterruptedException {
            if (latest.isEmpty()) return;
            long deadline = System.currentTimeMillis() + RETRY_FOR_MS;
            long backoff = 100;
            while (true) {
                try {
                    if (connection == null) {
                        connection = spec.target.open();
                        connection.setAutoCommit(false);
                        statement = connection.prepareStatement(SQL);
                    }
                    for (GaugeStateUpdate u : latest.values()) {
                        statement.setString(1, u.gaugeId());
                        statement.setTimestamp(2, new Timestamp(u.atMs()));
                        statement.setInt(3, u.levelMm());
                        statement.setFloat(4, u.smoothedMm());
                        statement.setFloat(5, u.riseMmMin());
                        statement.setString(6, u.riskLevel());
                        if (u.etaNextS() == null) statement.setNull(7, Types.INTEGER);
                        else statement.setInt(7, u.etaNextS());
                        statement.setString(8, u.health());
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    connection.commit();
                    latest.clear();
                    return;
                } catch (SQLException e) {
                    close();
                    if (System.currentTimeMillis() + backoff > deadline) throw new IOException("gauge_state: database unavailable", e);
                    log.warn("gauge_state upsert of {} rows failed ({}); retrying in {} ms", latest.size(), e.getMessage(), backoff);
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 5000);
                }
            }
        }

        @Override
        public void close() {
            try {
                if (connection != null) connection.close();
            } catch (SQLException ignored) {
                // discarded anyway
            }
            connection = null;
            statement = null;
        }
    }
}
