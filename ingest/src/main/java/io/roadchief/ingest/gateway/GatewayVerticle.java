package io.roadchief.ingest.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The gateway as one deployment: the broker connection first (uploads need it), then the HTTP API.
 * Undeploying this undeploys both.
 */
final class GatewayVerticle extends VerticleBase {
    private final GatewayConfig config;
    private final GatewayMetrics metrics;

    GatewayVerticle(GatewayConfig config, GatewayMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        BrokerPublisherVerticle broker = new BrokerPublisherVerticle(config);
        return vertx.deployVerticle(broker)
                .compose(id -> vertx.deployVerticle(new HttpApiVerticle(config, broker, metrics)));
    }
}
