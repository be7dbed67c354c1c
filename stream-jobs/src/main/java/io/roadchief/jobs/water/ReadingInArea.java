package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;

/**
 * A gauge reading with what its neighbours were doing when it arrived.
 *
 * @param reading          the reading
 * @param risingNeighbours neighbours (see {@link Neighbours}) whose level was rising at the reading's time
 */
public record ReadingInArea(GaugeObservation reading, int risingNeighbours) {}
