package io.roadchief.bench;

/**
 * What one step of one system measured. Rates per second; latencies in ms (null: no such rows, e.g. the
 * ticket or alert pipeline is not attached or raised nothing in the step).
 *
 * @param system            "roadchief" or "naive"
 * @param targetRate        vehicle batches/s the step meant to offer
 * @param offeredVehicles   vehicle batches/s actually published (the publisher may fall short of the target)
 * @param offeredGauges     gauge readings/s published
 * @param sustainedVehicles vehicle batches/s landing in the database in the step's steady window
 * @param sustainedGauges   gauge readings/s landing in the steady window
 * @param dbRowsPerS        rows inserted into the database per second (all tables, pg_stat_database)
 * @param landedShare       share of the step's messages in the database when the drain wait ended
 * @param backlogMid        messages published but not yet landed at mid-step
 * @param backlogEnd        the same at the end of the step's publishing
 */
public record StepResult(String system, int targetRate, double offeredVehicles, double offeredGauges,
                         double sustainedVehicles, double sustainedGauges, double dbRowsPerS, double landedShare,
                         long backlogMid, long backlogEnd,
                         Double landingP50, Double landingP95, Double landingP99,
                         Double ticketP50, Double ticketP95, Double ticketP99, long tickets,
                         Double alertP50, Double alertP95, Double alertP99, long alerts,
                         ResourceSampler.Usage usage, double publisherCores, boolean keepingUp, String verdict) {

    public double sustainedSamples() {
        return sustainedVehicles * BenchSettings.SAMPLES_PER_BATCH;
    }

    public double offeredSamples() {
        return offeredVehicles * BenchSettings.SAMPLES_PER_BATCH;
    }
}
