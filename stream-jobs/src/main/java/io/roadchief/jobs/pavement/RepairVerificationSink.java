package io.roadchief.jobs.pavement;

import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.jobs.sink.RowBinder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Automatic repair verification: hands the pavement job's evidence to the database's
 * record_ticket_verification(ticket, defect_gone, pass_at, evidence) (migration V31), which moves a
 * 'repaired' ticket to 'verified' or 'reopened' exactly once per repair (idempotent on replay).
 * <ul>
 *   <li>{@link #cleanPasses}: a vehicle drove over a repaired defect's stretch of lane at detection speed and
 *       felt nothing there: verified;</li>
 *   <li>{@link #stillThere}: a detection within the cluster radius of a repaired defect, in its lane, after the
 *       repair: reopened, with it as evidence.</li>
 * </ul>
 * The function returns a row per call, which JDBC batches refuse, so this writer runs the calls one by one in
 * one transaction per flush (flushed at every checkpoint and every {@link #MAX_ROWS} rows). Rows are few: one
 * per clean stretch per pass, and most match no repaired ticket (an index lookup).
 */
public final class RepairVerificationSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    static final int MAX_ROWS = 500;

    static final String CLEAN_SQL = """
            SELECT record_ticket_verification(t.ticket_id, true, ?::timestamptz, ?::text)
            FROM ticket t JOIN defect d USING (defect_id)
            WHERE t.status = 'repaired' AND t.repaired_at <= ?::timestamptz
              AND d.road_id = ? AND d.direction = ? AND d.chainage_m BETWEEN ? AND ?""";

    /** By position, not defect id, so it also holds after a restart without state: within the cluster radius, same lane. */
    static final String STILL_THERE_SQL = """
            SELECT record_ticket_verification(t.ticket_id, false, ?::timestamptz, ?::text)
            FROM ticket t JOIN defect d USING (defect_id)
            WHERE t.status = 'repaired' AND t.repaired_at <= ?::timestamptz
              AND d.road_id = ? AND d.direction = ? AND abs(d.chainage_m - ?) <= ?""";

    private final String name;
    private final JdbcTarget target;
    private final String sql;
    private final RowBinder<T> binder;

    private RepairVerificationSink(String name, JdbcTarget target, String sql, RowBinder<T> binder) {
        this.name = name;
        this.target = target;
        this.sql = sql;
        this.binder = binder;
    }

    public static RepairVerificationSink<LaneCoverage> cleanPasses(JdbcTarget db) {
        return new RepairVerificationSink<>("verify-clean-pass", db, CLEAN_SQL, (st, c) -> {
            st.setObject(1, PavementSinks.ts(c.endMs()));
            st.setString(2, String.format(java.util.Locale.ROOT, "%s drove %s..%s of this lane and felt no defect",
                    c.deviceId(), TicketTitles.stake(c.fromM()), TicketTitles.stake(c.toM())));
            st.setObject(3, PavementSinks.ts(c.endMs()));
            st.setString(4, c.roadId());
            st.setInt(5, c.direction());
            st.setDouble(6, c.fromM());
            st.setDouble(7, c.toM());
        });
    }

    public static RepairVerificationSink<DefectDetection> stillThere(JdbcTarget db, double radiusM) {
        return new RepairVerificationSink<>("verify-still-there", db, STILL_THERE_SQL, (st, d) -> {
            st.setObject(1, PavementSinks.ts(d.detectedAtMs()));
            st.setString(2, String.format(java.util.Locale.ROOT, "%s felt a %s %s (%d mm, %s) at %s", d.deviceId(), d.severity(),
                    d.defectType(), d.depthMmEst(), d.source(), TicketTitles.stake(d.chainageM())));
            st.setObject(3, PavementSinks.ts(d.detectedAtMs()));
            st.setString(4, d.roadId());
            st.setInt(5, d.direction());
            st.setDouble(6, d.chainageM());
            st.setDouble(7, radiusM);
        });
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer();
    }

    private final class Writer implements SinkWriter<T> {
        private final Logger log = LoggerFactory.getLogger(RepairVerificationSink.class);
        private final List<T> buffer = new ArrayList<>();
        private Connection connection;
        private PreparedStatement statement;

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            buffer.add(element);
            if (buffer.size() >= MAX_ROWS) flush(false);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (buffer.isEmpty()) return;
            long backoff = 100;
            for (int attempt = 0; ; attempt++) {
                try {
                    if (connection == null) {
                        connection = target.open();
                        connection.setAutoCommit(false);
                        statement = connection.prepareStatement(sql);
                    }
                    for (T row : buffer) {
                        binder.bind(statement, row);
                        try (ResultSet rs = statement.executeQuery()) {
                            while (rs.next()) { /* new status or null: the database decides and records */ }
                        }
                    }
                    connection.commit();
                    buffer.clear();
                    return;
                } catch (SQLException e) {
                    close();
                    if (attempt >= 8) throw new IOException("sink " + name + ": giving up after retries", e);
                    log.warn("sink {}: {} rows failed ({}); retrying in {} ms", name, buffer.size(), e.getMessage(), backoff);
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
