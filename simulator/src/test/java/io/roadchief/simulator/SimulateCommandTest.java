package io.roadchief.simulator;

import io.roadchief.local.Database;
import io.roadchief.local.PrivateBroker;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.roadchief.simulator.truth.GroundTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {
    @Test
    void registersWritesTruthAndPublishes(@TempDir Path truth) throws Exception {
        Database db = TestServices.freshDatabase("sim_command");
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try (PrivateBroker broker = PrivateBroker.start()) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                code = new CommandLine(new SimulateCommand()).execute("--broker", broker.url(), "--db", db.jdbcUrl(),
                        "--db-user", db.user(), "--db-password", db.password(), "--seed", "3", "--km", "3",
                        "--defects", "5", "--vehicles", "2", "--duration", "60", "--truth-dir", truth.toString());
            } finally {
                System.setOut(original);
            }
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("World: 3 roads").contains("Published ");
        assertThat(GroundTruth.read(truth).defects()).hasSize(5);
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM device WHERE kind = 'vehicle'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
