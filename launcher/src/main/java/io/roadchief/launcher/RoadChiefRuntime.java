package io.roadchief.launcher;

import io.roadchief.ingest.gateway.GatewayConfig;
import io.roadchief.ingest.gateway.IngestGateway;
import io.roadchief.ingest.mqtt.MqttSource;
import io.roadchief.ingest.mqtt.MqttSourceBuilder;
import io.roadchief.jobs.Analytics;
import io.roadchief.jobs.JobSettings;
import io.roadchief.jobs.LocalFlinkRunner;
import io.roadchief.jobs.TelemetryJob;
import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.local.EmbeddedBroker;
import io.roadchief.service.RoadChiefService;
import io.roadchief.service.ServiceConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * RoadChief's own moving parts on top of a database and a broker: the Flink job (in-process
 * MiniCluster), the ingest gateway and the crew / duty-officer service.
 */
final class RoadChiefRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoadChiefRuntime.class);
    private final JobClient job;
    private final Vertx vertx;
    private final RoadChiefService service;
    final int servicePort;
    final int gatewayPort;

    private RoadChiefRuntime(JobClient job, Vertx vertx, RoadChiefService service, int servicePort, int gatewayPort) {
        this.job = job;
        this.vertx = vertx;
        this.service = service;
        this.servicePort = servicePort;
        this.gatewayPort = gatewayPort;
    }

    static RoadChiefRuntime start(RoadChiefConfig c, Infrastructure infra) throws Exception {
        JdbcTarget db = new JdbcTarget(infra.database.jdbcUrl(), infra.database.user(), infra.database.password());
        JobClient job = startJob(c, infra, db);
        Vertx vertx = Vertx.vertx();
        try {
            GatewayConfig gateway = GatewayConfig.of(db.url(), db.user(), db.password(), infra.brokerUrl)
                    .withHttpPort(c.getInt("gateway.http.port"))
                    .withAdminToken(c.get("gateway.admin.token"));
            if (!c.isBlank("gateway.mqtt.username")) {
                gateway = gateway.withBrokerCredentials(c.get("gateway.mqtt.username"), c.get("gateway.mqtt.password"));
            } else if (!c.isBlank("mqtt.username")) {
                gateway = gateway.withBrokerCredentials(c.get("mqtt.username"), c.get("mqtt.password"));
            }
            await(IngestGateway.deploy(vertx, gateway));
            ServiceConfig serviceConfig = ServiceConfig.of(db.url(), db.user(), db.password(), infra.brokerUrl)
                    .withHttpPort(c.getInt("service.http.port"));
            RoadChiefService service = await(RoadChiefService.deploy(vertx, serviceConfig));
            return new RoadChiefRuntime(job, vertx, service, service.httpPort(), c.getInt("gateway.http.port"));
        } catch (Exception e) {
            vertx.close();
            job.cancel();
            throw e;
        }
    }

    private static JobClient startJob(RoadChiefConfig c, Infrastructure infra, JdbcTarget db) throws Exception {
        StreamExecutionEnvironment env = LocalFlinkRunner.environment(c.dataDir().resolve("checkpoints"),
                Duration.ofMillis(c.getLong("flink.checkpoint.interval.ms")), c.getInt("flink.parallelism"));
        MqttSourceBuilder source = MqttSource.builder()
                .brokerUrl(infra.brokerUrl)
                .sharedGroup(EmbeddedBroker.serves(infra.brokerUrl) ? null : c.get("mqtt.shared.group"))
                .clientIdPrefix(c.get("mqtt.client.prefix"));
        if (!c.isBlank("mqtt.username")) source.credentials(c.get("mqtt.username"), c.get("mqtt.password"));
        JobSettings settings = new JobSettings(db, c.ingestRules(), Duration.ofMillis(c.getLong("flink.lateness.ms")),
                Duration.ofSeconds(5), infra.brokerUrl);
        TelemetryJob.Streams streams = TelemetryJob.build(env, source.build(), settings);
        Analytics.attach(streams, settings);
        JobClient client = env.executeAsync("roadchief");
        log.info("Flink job {} started on the local MiniCluster", client.getJobID());
        return client;
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            await(service.close());
        } catch (Exception e) {
            log.warn("service close: {}", e.toString());
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("vert.x close: {}", e.toString());
        }
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("job cancel: {}", e.toString());
        }
    }
}
