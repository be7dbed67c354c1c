package io.roadchief.simulator.storm;

import io.roadchief.schema.v1.Envelope;

import java.util.List;

/**
 * The output of a storm scenario: the gauge catalog, the gauges' messages in event-time order
 * (roadchief.v1.Envelope with GaugeReading bodies, for topic Topics.gaugeLevel(deviceId)) and
 * the ground truth.
 */
public record StormRun(StormScenario scenario, List<StormGauge> gauges, List<Envelope> envelopes, StormTruth truth) {
    /** The catalog in GaugeCatalog's CSV format. */
    public String catalogCsv() {
        return StormGauge.csv(gauges);
    }
}
