package io.roadchief.launcher;

import io.roadchief.ingest.validation.IngestRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * RoadChief's configuration: roadchief-defaults.properties (every key documented there), overlaid by
 * a properties file, then ROADCHIEF_* environment variables, then roadchief.* system properties.
 */
public final class RoadChiefConfig {
    private final Properties values;

    private RoadChiefConfig(Properties values) {
        this.values = values;
    }

    public static RoadChiefConfig load(Path file) {
        return load(file, System.getenv(), System.getProperties());
    }

    static RoadChiefConfig load(Path file, Map<String, String> env, Properties system) {
        Properties p = new Properties();
        try (InputStream in = RoadChiefConfig.class.getResourceAsStream("/roadchief-defaults.properties")) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("roadchief-defaults.properties missing from the classpath", e);
        }
        if (file != null && Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties f = new Properties();
                f.load(r);
                p.putAll(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        for (String key : p.stringPropertyNames()) {
            String envName = "ROADCHIEF_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
            if (env.containsKey(envName)) p.setProperty(key, env.get(envName));
            String sys = system.getProperty("roadchief." + key);
            if (sys != null) p.setProperty(key, sys);
        }
        return new RoadChiefConfig(p);
    }

    public String get(String key) {
        String v = values.getProperty(key);
        if (v == null) throw new IllegalArgumentException("unknown configuration key " + key);
        return v.trim();
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    public double getDouble(String key) {
        return Double.parseDouble(get(key));
    }

    public boolean isBlank(String key) {
        return get(key).isEmpty();
    }

    public Path dataDir() {
        return Path.of(get("data.dir")).toAbsolutePath();
    }

    public IngestRules ingestRules() {
        return new IngestRules(getInt("ingest.maxMessageBytes"), getLong("ingest.maxFutureSkewMs"), getLong("ingest.maxAgeMs"),
                getDouble("ingest.maxAbsAccG"), getDouble("ingest.maxSpeedKmh"), getInt("ingest.minSampleRateHz"),
                getInt("ingest.maxSampleRateHz"), getDouble("ingest.area.minLat"), getDouble("ingest.area.maxLat"),
                getDouble("ingest.area.minLon"), getDouble("ingest.area.maxLon"), getInt("ingest.defaultGaugeRangeMm"),
                getInt("ingest.dedupWindow"));
    }

    /** Applies a command-line override (key=value). */
    public RoadChiefConfig with(String key, String value) {
        get(key); // unknown keys are an error, not silently ignored
        Properties p = new Properties();
        p.putAll(values);
        p.setProperty(key, value);
        return new RoadChiefConfig(p);
    }
}
