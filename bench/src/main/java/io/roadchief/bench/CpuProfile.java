package io.roadchief.bench;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JDK Flight Recorder CPU profile of this JVM while RoadChief runs, summarised by where the time goes:
 * each execution sample is charged to the first frame outside the JDK (so socket writes count for the
 * MQTT client or the JDBC driver that made them), grouped by component, plus the hottest methods.
 */
public final class CpuProfile implements AutoCloseable {
    private final Recording recording;
    private final Path file;

    public CpuProfile(Path file) throws IOException, ParseException {
        this.file = file;
        recording = new Recording(Configuration.getConfiguration("profile"));
        // Denser than the profile setting's 10-20 ms, so a 20 s step gives thousands of samples.
        recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(2));
        recording.setToDisk(true);
        recording.start();
    }

    @Override
    public void close() throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
    }

    /** Component of a frame's class, for the summary. */
    static String component(String cls) {
        if (cls.startsWith("org.eclipse.paho")) return "MQTT client (Paho: Flink source + bench publishers)";
        if (cls.startsWith("com.google.protobuf") || cls.startsWith("io.roadchief.schema.v1")) return "protobuf decode/encode";
        if (cls.startsWith("org.postgresql")) return "JDBC driver (PostgreSQL)";
        if (cls.startsWith("io.roadchief.ingest.mqtt")) return "RoadChief MQTT source";
        if (cls.startsWith("io.roadchief.ingest")) return "RoadChief ingest (validate, dedup, records)";
        if (cls.startsWith("io.roadchief.jobs.sink") || cls.startsWith("io.roadchief.jobs.landing")) return "RoadChief sinks (row binding)";
        if (cls.startsWith("io.roadchief.jobs")) return "RoadChief analytics";
        if (cls.startsWith("io.roadchief.bench")) return "bench (publisher, sampler)";
        if (cls.startsWith("org.apache.flink.shaded")) return "Flink (shaded netty/guava)";
        if (cls.startsWith("org.apache.flink.runtime.state") || cls.startsWith("org.apache.flink.runtime.checkpoint")) return "Flink state + checkpoints";
        if (cls.startsWith("org.apache.flink.api.common.typeutils") || cls.startsWith("org.apache.flink.api.java.typeutils")
                || cls.contains("Serializer")) return "Flink serialization";
        if (cls.startsWith("org.apache.flink")) return "Flink runtime (network, mailbox, operators)";
        if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")) return "JDK (no caller outside it)";
        return "other: " + cls.replaceAll("\\.[^.]*$", "");
    }

    /** A Markdown summary of the recording: samples by component and the top self-time methods. */
    public static String summarise(Path jfr, int top) throws IOException {
        Map<String, Integer> byComponent = new HashMap<>(), byMethod = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) continue;
            total++;
            List<RecordedFrame> frames = st.getFrames();
            RecordedFrame topFrame = frames.get(0);
            byMethod.merge(topFrame.getMethod().getType().getName() + "." + topFrame.getMethod().getName(), 1, Integer::sum);
            String charged = null;
            for (RecordedFrame f : frames) {
                String cls = f.getMethod().getType().getName();
                if (!(cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun."))) {
                    charged = cls;
                    break;
                }
            }
            byComponent.merge(component(charged == null ? topFrame.getMethod().getType().getName() : charged), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d execution samples of this JVM (JFR, profile settings).%n%n", total));
        b.append("| component (first frame outside the JDK) | share of JVM CPU samples |\n|---|---:|\n");
        for (Map.Entry<String, Integer> en : sorted(byComponent).entrySet()) {
            b.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", en.getKey(), 100.0 * en.getValue() / Math.max(1, total)));
        }
        b.append("\n| hottest methods (self time) | share |\n|---|---:|\n");
        int n = 0;
        for (Map.Entry<String, Integer> en : sorted(byMethod).entrySet()) {
            if (n++ == top) break;
            b.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", en.getKey(), 100.0 * en.getValue() / Math.max(1, total)));
        }
        return b.toString();
    }

    private static Map<String, Integer> sorted(Map<String, Integer> m) {
        Map<String, Integer> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(en -> out.put(en.getKey(), en.getValue()));
        return out;
    }
}
