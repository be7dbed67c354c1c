package io.roadchief.simulator;

import io.roadchief.simulator.vehicle.VehicleRun;
import io.roadchief.simulator.vehicle.VehicleSpec;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The whole fleet's messages merged into one stream ordered by arrival at the broker (publishAtMs,
 * then device, then sequence): a k-way merge of the vehicles' own lazily generated streams, so memory
 * stays small however long the scenario. Single use, not thread-safe.
 */
public final class FleetSimulator implements Iterator<SimMessage> {
    private final SimulatedWorld world;
    private final PriorityQueue<VehicleRun> queue = new PriorityQueue<>(
            Comparator.<VehicleRun>comparingLong(r -> r.peek().publishAtMs())
                    .thenComparing(r -> r.spec().deviceId())
                    .thenComparingLong(r -> r.peek().sequence()));
    private long count;

    public FleetSimulator(Scenario scenario, SimulatedWorld world) {
        this.world = world;
        for (VehicleSpec v : world.vehicles()) {
            VehicleRun run = new VehicleRun(v, world.surface(), scenario.settingsFor(v.index()), scenario.seed());
            if (run.peek() != null) queue.add(run);
        }
    }

    public SimulatedWorld world() { return world; }

    /** Messages handed out so far. */
    public long count() { return count; }

    @Override
    public boolean hasNext() {
        return !queue.isEmpty();
    }

    @Override
    public SimMessage next() {
        VehicleRun run = queue.poll();
        if (run == null) throw new NoSuchElementException();
        SimMessage m = run.next();
        if (run.peek() != null) queue.add(run);
        count++;
        return m;
    }

    /** Hands every remaining message to {@code sink}. */
    public void forEach(Consumer<SimMessage> sink) {
        while (hasNext()) sink.accept(next());
    }
}
