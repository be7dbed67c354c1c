package io.roadchief.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/** The service's own meters, on a Prometheus registry served at /metrics. */
public final class ServiceMetrics {
    final PrometheusMeterRegistry registry;
    final Counter warnings;
    final Counter breaches;
    final Counter unverified;
    final Counter autoAssigned;
    final Counter mqttPublished;
    final Counter mqttFailed;
    final AtomicInteger sseClients = new AtomicInteger();

    public ServiceMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        warnings = Counter.builder("roadchief_sla_warnings").description("SLA countdown warnings raised").register(registry);
        breaches = Counter.builder("roadchief_sla_breaches").description("SLA breaches raised and escalated").register(registry);
        unverified = Counter.builder("roadchief_tickets_unverified").description("repairs with no verifying pass in time").register(registry);
        autoAssigned = Counter.builder("roadchief_tickets_auto_assigned").description("tickets assigned to a crew automatically").register(registry);
        mqttPublished = Counter.builder("roadchief_mqtt_published").description("push messages handed to the MQTT client").register(registry);
        mqttFailed = Counter.builder("roadchief_mqtt_failed").description("push messages the MQTT client refused").register(registry);
        registry.gauge("roadchief_sse_clients", sseClients);
    }

    public static ServiceMetrics standalone() {
        return new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public PrometheusMeterRegistry registry() { return registry; }

    void transition(String action, int status) {
        registry.counter("roadchief_ticket_requests", "action", action, "status", String.valueOf(status)).increment();
    }
}
