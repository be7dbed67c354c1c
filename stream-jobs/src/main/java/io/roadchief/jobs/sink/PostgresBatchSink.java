package io.roadchief.jobs.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes rows to PostgreSQL in JDBC batches with one idempotent statement (INSERT ... ON CONFLICT).
 *
 * <p>At-least-once: Flink calls {@link SinkWriter#flush} before each checkpoint, so every row of a
 * completed checkpoint is committed; replays after a failure re-send rows that the ON CONFLICT clause
 * absorbs, which makes the effect exactly-once. A batch is also flushed when it is full or when its
 * oldest row has waited {@code maxDelay}, so alerts reach the table within a fraction of a second.
 *
 * <p>When the database is away the writer retries the batch with exponential backoff (capped) for
 * up to {@code retryFor}, blocking the task: back-pressure then stops the MQTT source from acking, and
 * the broker holds the rest. Past {@code retryFor} the job fails and restarts from its checkpoint.
 */
public final class PostgresBatchSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final JdbcTarget target;
    private final String sql;
    private final RowBinder<T> binder;
    private final int batchSize;
    private final long maxDelayMs;
    private final long retryForMs;

    private PostgresBatchSink(Builder<T> b) {
        this.name = b.name;
        this.target = b.target;
        this.sql = b.sql;
        this.binder = b.binder;
        this.batchSize = b.batchSize;
        this.maxDelayMs = b.maxDelay.toMillis();
        this.retryForMs = b.retryFor.toMillis();
    }

    public static <T> Builder<T> builder(String name, JdbcTarget target, String sql, RowBinder<T> binder) {
        return new Builder<>(name, target, sql, binder);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(this, context.getProcessingTimeService(),
                context.metricGroup().counter("rowsWritten"), context.metricGroup().counter("writeRetries"));
    }

    public static final class Builder<T> {
        private final String name;
        private final JdbcTarget target;
        private final String sql;
        private final RowBinder<T> binder;
        private int batchSize = 2000;
        private Duration maxDelay = Duration.ofMillis(200);
        private Duration retryFor = Duration.ofMinutes(10);

        private Builder(String name, JdbcTarget target, String sql, RowBinder<T> binder) {
            this.name = name;
            this.target = target;
            this.sql = sql;
            this.binder = binder;
        }

        public Builder<T> batchSize(int n) { this.batchSize = n; return this; }
        public Builder<T> maxDelay(Duration d) { this.maxDelay = d; return this; }
        public Builder<T> retryFor(Duration d) { this.retryFor = d; return this; }
        public PostgresBatchSink<T> build() { return new PostgresBatchSink<>(this); }
    }

    static final class Writer<T> implements SinkWriter<T> {
        private static final Logger log = LoggerFactory.getLogger(PostgresBatchSink.class);
        private final PostgresBatchSink<T> spec;
        private final ProcessingTimeService time;
        private final Counter rowsWritten;
        private final Counter retries;
        private final List<T> buffer;
        private Connection connection;
        private PreparedStatement statement;
        private boolean timerArmed;

        Writer(PostgresBatchSink<T> spec, ProcessingTimeService time, Counter rowsWritten, Counter retries) {
            this.spec = spec;
            this.time = time;
            this.rowsWritten = rowsWritten;
            this.retries = retries;
            this.buffer = new ArrayList<>(spec.batchSize);
        }

        @Override
        public void write(T element, Context context) throws java.io.IOException, InterruptedException {
            buffer.add(element);
            if (buffer.size() >= spec.batchSize) {
                writeBuffer();
            } else if (!timerArmed) {
                timerArmed = true;
                // Timer callbacks run in the task's mailbox thread, so no locking is needed.
                time.registerTimer(time.getCurrentProcessingTime() + spec.maxDelayMs, ts -> {
                    timerArmed = false;
                    writeBuffer();
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) throws java.io.IOException, InterruptedException {
            writeBuffer();
        }

        private void writeBuffer() throws java.io.IOException, InterruptedException {
            if (buffer.isEmpty()) return;
            long deadline = System.currentTimeMillis() + spec.retryForMs;
            long backoff = 100;
            while (true) {
                try {
                    ensureConnection();
                    for (T row : buffer) {
                        spec.binder.bind(statement, row);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    connection.commit();
                    rowsWritten.inc(buffer.size());
                    buffer.clear();
                    return;
                } catch (SQLException e) {
                    closeQuietly();
                    if (System.currentTimeMillis() + backoff > deadline) {
                        throw new java.io.IOException("sink " + spec.name + ": database unavailable for "
                                + spec.retryForMs + " ms; failing so the job restarts from its checkpoint", e);
                    }
                    retries.inc();
                    log.warn("sink {}: write of {} rows failed ({}); retrying in {} ms", spec.name, buffer.size(),
                            e.getMessage(), backoff);
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 5000);
                }
            }
        }

        private void ensureConnection() throws SQLException {
            if (connection != null) return;
            connection = spec.target.open();
            connection.setAutoCommit(false);
            statement = connection.prepareStatement(spec.sql);
        }

        private void closeQuietly() {
            try {
                if (connection != null) connection.close();
            } catch (SQLException ignored) {
                // the connection is being discarded anyway
            }
            connection = null;
            statement = null;
        }

        @Override
        public void close() throws Exception {
            closeQuietly();
        }
    }
}
