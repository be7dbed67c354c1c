package io.roadchief.service;

import io.roadchief.local.Database;
import io.roadchief.local.TestServices;
import io.roadchief.schema.RepairSla;
import io.roadchief.schema.SchemaMigrations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real database with a small city (two districts, two roads, two crews, users with known tokens),
 * tickets inserted the way the pavement job inserts them, and the service deployed on it.
 */
final class ServiceFixture implements AutoCloseable {
    static final String CREW_A = "crew-a";
    static final String CREW_B = "crew-b";
    static final String TOKEN_CREW_A = "tok-crew-a";
    static final String TOKEN_CREW_B = "tok-crew-b";
    static final String TOKEN_MANAGER = "tok-manager";
    static final String TOKEN_ADMIN = "tok-admin";
    static final String TOKEN_DUTY = "tok-duty";
    static final String MANAGER_CONTACT = "王经理 138-0000-0001";

    final Database db;
    final Vertx vertx;
    final MutableClock clock;
    RoadChiefService service;

    ServiceFixture(String purpose, Instant start) throws SQLException {
        db = TestServices.freshDatabase(purpose);
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        vertx = Vertx.vertx();
        clock = new MutableClock(start);
        seedCity();
    }

    private void seedCity() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("""
                INSERT INTO district VALUES ('XH', '徐汇区', 'Xuhui', '%s'), ('PD', '浦东新区', 'Pudong', NULL);
                INSERT INTO road VALUES ('R-XH-1', '漕溪北路', 'Caoxi North Rd', 'XH', 'arterial'),
                                        ('R-PD-1', '世纪大道', 'Century Ave', 'PD', 'arterial');
                INSERT INTO road_segment VALUES
                  ('R-XH-1.001', 'R-XH-1', 1, 'XH', 100, 'LINESTRING(121.4370 31.1880, 121.4371 31.1889)', 31.1880, 121.4370, 31.1889, 121.4371),
                  ('R-PD-1.001', 'R-PD-1', 1, 'PD', 100, 'LINESTRING(121.5300 31.2300, 121.5310 31.2300)', 31.2300, 121.5300, 31.2300, 121.5310);
                INSERT INTO crew VALUES ('crew-a', '徐汇养护一班', 'Xuhui crew 1', 'XH', '{}'),
                                        ('crew-b', '浦东养护一班', 'Pudong crew 1', 'PD', '{}');
                INSERT INTO service_user (user_id, display_name, role, crew_id, district_code) VALUES
                  ('li.ming', '李明', 'crew', 'crew-a', NULL),
                  ('zhang.wei', '张伟', 'crew', 'crew-b', NULL),
                  ('wang.mgr', '王经理', 'manager', NULL, 'XH'),
                  ('root', '管理员', 'admin', NULL, NULL),
                  ('zhao.duty', '赵值班', 'duty_officer', NULL, NULL);
                """.formatted(MANAGER_CONTACT));
            try (PreparedStatement p = c.prepareStatement("INSERT INTO api_token (token_sha256, user_id) VALUES (?, ?)")) {
                String[][] tokens = {{TOKEN_CREW_A, "li.ming"}, {TOKEN_CREW_B, "zhang.wei"}, {TOKEN_MANAGER, "wang.mgr"},
                    {TOKEN_ADMIN, "root"}, {TOKEN_DUTY, "zhao.duty"}};
                for (String[] t : tokens) {
                    p.setString(1, ServiceUsers.sha256(t[0]));
                    p.setString(2, t[1]);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    /** Inserts a ticket as the pavement job does: deadlines from RepairSla, plus its 'opened' event. */
    void insertTicket(String ticketId, String segmentId, String districtCode, boolean severe, Instant confirmedAt,
                      String status, String crewId) throws SQLException {
        try (Connection c = db.connect()) {
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO ticket (ticket_id, defect_id, segment_id, road_name_zh, road_name_en, district_code, lat, lon,
                        defect_type, severity, title_zh, title_en, status, crew_id, confirmed_at, due_at, warn_at)
                    SELECT ?, ?, s.segment_id, r.name_zh, r.name_en, ?, s.min_lat, s.min_lon, 'pothole', ?,
                           ?, ?, ?, ?, ?, ?, ?
                    FROM road_segment s JOIN road r USING (road_id) WHERE s.segment_id = ?""")) {
                p.setString(1, ticketId);
                p.setString(2, "defect-" + ticketId);
                p.setString(3, districtCode);
                p.setString(4, severe ? "severe" : "moderate");
                p.setString(5, severe ? "严重坑槽" : "坑槽");
                p.setString(6, severe ? "Severe pothole" : "Pothole");
                p.setString(7, status);
                p.setString(8, crewId);
                p.setTimestamp(9, Timestamp.from(confirmedAt));
                p.setTimestamp(10, Timestamp.from(RepairSla.dueAt(confirmedAt, severe)));
                p.setTimestamp(11, Timestamp.from(RepairSla.warnAt(confirmedAt, severe)));
                p.setString(12, segmentId);
                if (p.executeUpdate() != 1) throw new IllegalStateException("no segment " + segmentId);
            }
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO ticket_event (ticket_id, at, kind, actor, to_status, reason, dedup_key)
                    VALUES (?, ?, 'opened', 'pavement-job', 'open', 'defect confirmed', ?)""")) {
                p.setString(1, ticketId);
                p.setTimestamp(2, Timestamp.from(confirmedAt));
                p.setString(3, "opened:" + ticketId);
                p.executeUpdate();
            }
        }
    }

    RoadChiefService start(String brokerUrl) throws Exception {
        ServiceConfig config = new ServiceConfig(0, db.jdbcUrl(), db.user(), db.password(), brokerUrl,
            Duration.ofHours(1), Duration.ofMillis(200));
        service = await(RoadChiefService.deploy(vertx, config, clock, ServiceMetrics.standalone()));
        return service;
    }

    void stop() throws Exception {
        if (service != null) await(service.close());
        service = null;
    }

    String baseUrl() { return "http://127.0.0.1:" + service.httpPort(); }

    /** A single value from the database (null when no row). */
    Object value(String sql, Object... args) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getObject(1) : null;
            }
        }
    }

    long count(String sql, Object... args) throws SQLException {
        return ((Number) value(sql, args)).longValue();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            await(vertx.close());
        }
    }
}
