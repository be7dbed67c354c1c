package io.roadchief.launcher;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options every command shares: where the configuration comes from, and ad-hoc overrides. */
final class ConfigOptions {
    @Option(names = "--config", description = "Properties file overriding the defaults (default: ./roadchief.properties).")
    Path file = Path.of("roadchief.properties");

    @Option(names = {"-D", "--set"}, description = "Override one key, e.g. -D service.http.port=9090.")
    Map<String, String> overrides = new LinkedHashMap<>();

    RoadChiefConfig load() {
        RoadChiefConfig c = RoadChiefConfig.load(file);
        for (Map.Entry<String, String> e : overrides.entrySet()) c = c.with(e.getKey(), e.getValue());
        return c;
    }
}
