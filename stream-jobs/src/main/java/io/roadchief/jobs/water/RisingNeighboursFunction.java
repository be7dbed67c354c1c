package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Stamps each gauge reading with how many of its neighbours are rising, so the per-gauge stuck
 * check can tell "flat while the area floods" from "flat because nothing happens" on gauges without
 * a rain gauge of their own.
 *
 * <p>It needs every gauge's recent levels, so it sees all readings: keyed by one constant
 * ({@link #CITY}), run with parallelism 1. Gauges report every 15-60 s, so even 10 000 of them are
 * under 1 000 readings/s, light work for one subtask. Each gauge's {@link LevelHistory} lives in
 * keyed MapState (checkpointed) with a plain map in front of it so neighbours are not deserialized
 * on every reading.
 */
public final class RisingNeighboursFunction extends KeyedProcessFunction<Integer, GaugeObservation, ReadingInArea> {
    private static final long serialVersionUID = 1L;
    /** The one key: the whole city. */
    public static final KeySelector<GaugeObservation, Integer> CITY = o -> 0;

    private final CatalogView catalog;
    private transient MapState<String, byte[]> stored;
    private transient Map<String, LevelHistory> histories;
    private transient Neighbours neighbours;
    private transient int neighboursGeneration;

    public RisingNeighboursFunction(WaterConfig config) {
        this(CatalogView.fromDatabase(config.database(), config.catalogRefresh().toMillis()));
    }

    /** Catalog given directly (tests). */
    public RisingNeighboursFunction(Map<String, GaugeConfig> catalog) {
        this(CatalogView.fixed(catalog));
    }

    private RisingNeighboursFunction(CatalogView catalog) {
        this.catalog = catalog;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        stored = getRuntimeContext().getMapState(new MapStateDescriptor<>("level-histories", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        histories = new HashMap<>();
        catalog.open();
    }

    @Override
    public void processElement(GaugeObservation o, Context ctx, Collector<ReadingInArea> out) throws Exception {
        catalog.find(o.gaugeId()); // re-reads the catalog if the gauge is new
        if (neighbours == null || neighboursGeneration != catalog.generation()) {
            neighbours = new Neighbours(catalog.all());
            neighboursGeneration = catalog.generation();
        }
        LevelHistory own = history(o.gaugeId());
        if (own == null) own = new LevelHistory();
        own.add(o.deviceTimeMs(), o.levelMm());
        histories.put(o.gaugeId(), own);
        stored.put(o.gaugeId(), own.toBytes());

        int rising = 0;
        for (String n : neighbours.of(o.gaugeId())) {
            LevelHistory h = history(n);
            if (h != null && h.risingAt(o.deviceTimeMs())) rising++;
        }
        out.collect(new ReadingInArea(o, rising));
    }

    private LevelHistory history(String gaugeId) throws Exception {
        LevelHistory h = histories.get(gaugeId);
        if (h == null) {
            byte[] b = stored.get(gaugeId); // after a restore the map starts empty
            if (b == null) return null;
            h = LevelHistory.fromBytes(b);
            histories.put(gaugeId, h);
        }
        return h;
    }
}
