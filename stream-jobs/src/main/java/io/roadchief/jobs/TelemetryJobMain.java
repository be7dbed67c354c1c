package io.roadchief.jobs;

import io.roadchief.ingest.mqtt.MqttSource;
import io.roadchief.jobs.sink.JdbcTarget;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the telemetry job on its own in this JVM (local MiniCluster, resuming from the newest retained
 * checkpoint): the process the crash tests kill with SIGKILL, and a way to run the job without the
 * service. Arguments: --db-url --db-user --db-password --broker --checkpoint-dir [--group --client-prefix
 * --parallelism --checkpoint-ms]; {@code --group none}: one plain session instead of a shared
 * subscription (what RoadChief uses on the embedded HiveMQ CE broker).
 */
public final class TelemetryJobMain {
    private TelemetryJobMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        JdbcTarget db = new JdbcTarget(req(a, "db-url"), a.getOrDefault("db-user", "postgres"), a.getOrDefault("db-password", ""));
        String broker = req(a, "broker");
        StreamExecutionEnvironment env = LocalFlinkRunner.environment(Path.of(req(a, "checkpoint-dir")),
                Duration.ofMillis(Long.parseLong(a.getOrDefault("checkpoint-ms", "1000"))),
                Integer.parseInt(a.getOrDefault("parallelism", "2")));
        MqttSource source = MqttSource.builder().brokerUrl(broker)
                .sharedGroup("none".equals(a.get("group")) ? null : a.getOrDefault("group", "roadchief-ingest"))
                .clientIdPrefix(a.getOrDefault("client-prefix", "roadchief-ingest"))
                .build();
        JobSettings settings = JobSettings.defaults(db, broker);
        Analytics.attach(TelemetryJob.build(env, source, settings), settings);
        env.execute("roadchief-telemetry");
    }

    private static String req(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) throw new IllegalArgumentException("missing --" + key);
        return v;
    }
}
