package io.roadchief.launcher;

import io.roadchief.schema.SchemaMigrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "migrate", description = "Apply the database migrations to the configured database (db.url) and exit.")
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        RoadChiefConfig c = options.load();
        if (c.isBlank("db.url")) {
            System.err.println("db.url is not configured; `roadchief demo` and `roadchief run` migrate their embedded database themselves.");
            return 2;
        }
        var r = SchemaMigrations.migrate(c.get("db.url"), c.get("db.user"), c.get("db.password"));
        System.out.printf("Schema at version %s (%d migration(s) applied); TimescaleDB %s%n", r.targetSchemaVersion,
                r.migrationsExecuted, SchemaMigrations.timescaleInstalled(c.get("db.url"), c.get("db.user"), c.get("db.password")) ? "in use" : "absent");
        return 0;
    }
}
