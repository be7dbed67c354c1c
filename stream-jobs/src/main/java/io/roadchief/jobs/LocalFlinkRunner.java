package io.roadchief.jobs;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs RoadChief's job on a Flink MiniCluster in this process (the embedded default; a Flink cluster
 * at scale runs the same graph). Checkpoints are retained on disk, and a new run resumes from the
 * newest complete one, so keyed state (de-duplication windows, defect clusters, risk levels, timers)
 * survives a crash as well as the unacknowledged MQTT messages do.
 */
public final class LocalFlinkRunner {
    private static final Logger log = LoggerFactory.getLogger(LocalFlinkRunner.class);

    private LocalFlinkRunner() {}

    /**
     * @param checkpointDir      where checkpoints are kept (created if missing)
     * @param checkpointInterval how often acks are released and sinks flushed: bounds both the
     *                           redelivery after a crash and (with MQTT receive-maximum) throughput
     */
    public static StreamExecutionEnvironment environment(Path checkpointDir, Duration checkpointInterval, int parallelism) {
        try {
            Files.createDirectories(checkpointDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
        latestCheckpoint(checkpointDir).ifPresent(p -> {
            log.info("Resuming from checkpoint {}", p);
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toString());
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        });
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        // Aligned (exactly-once) barriers: the de-duplication state in a checkpoint then covers exactly
        // the messages whose acks that checkpoint releases. With at-least-once barriers it could also
        // hold messages that were never acked, and their redelivery after a crash would be mistaken
        // for device duplicates. Sinks stay at-least-once and idempotent.
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // Alerts must reach their table within a second: flush network buffers every 10 ms rather than
        // the default 100 ms (measured: gauge-to-alert p99 120 ms -> 51 ms).
        env.setBufferTimeout(10);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(Math.min(200, checkpointInterval.toMillis() / 2));
        return env;
    }

    /** The newest checkpoint directory (chk-N with a _metadata file) below {@code checkpointDir}. */
    public static Optional<Path> latestCheckpoint(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) return Optional.empty();
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(job -> {
                        try {
                            return Files.list(job).toList().stream();
                        } catch (IOException e) {
                            return Stream.empty();
                        }
                    })
                    .filter(p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(LocalFlinkRunner::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
