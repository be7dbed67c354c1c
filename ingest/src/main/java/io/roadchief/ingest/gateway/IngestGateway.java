package io.roadchief.ingest.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the ingest gateway: HTTP batch upload for units that were offline (published into the
 * live MQTT topics), the device registry with per-device MQTT credentials, /health and /metrics.
 *
 * <pre>
 *   PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 *   Vertx vertx = IngestGateway.vertxWithMetrics(registry);
 *   IngestGateway.deploy(vertx, GatewayConfig.fromEnvironment().withMeterRegistry(registry));
 * </pre>
 */
public final class IngestGateway {
    private static final Logger log = LoggerFactory.getLogger(IngestGateway.class);

    private IngestGateway() {}

    /** Deploys the gateway; completes with the deployment id (undeploy it to stop) once it listens. */
    public static Future<String> deploy(Vertx vertx, GatewayConfig config) {
        PrometheusMeterRegistry registry = config.meterRegistry() != null
                ? config.meterRegistry() : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return vertx.deployVerticle(new GatewayVerticle(config, new GatewayMetrics(registry)));
    }

    /** A Vertx whose own metrics (HTTP server, pools, event loop) go to {@code registry}, for /metrics. */
    public static Vertx vertxWithMetrics(PrometheusMeterRegistry registry) {
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    /** Standalone: configuration from the environment (see {@link GatewayConfig#fromEnvironment()}). */
    public static void main(String[] args) {
        GatewayConfig config = GatewayConfig.fromEnvironment();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = vertxWithMetrics(registry);
        deploy(vertx, config.withMeterRegistry(registry)).onComplete(ar -> {
            if (ar.failed()) {
                log.error("Ingest gateway failed to start", ar.cause());
                vertx.close();
                System.exit(1);
            }
        });
    }
}
