package io.roadchief.jobs.pavement;

import io.roadchief.jobs.sink.JdbcTarget;

import java.io.Serializable;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where operators get the road network from in open(): the database (production) or objects shipped with
 * the job graph (tests). Loaded once per JVM per source, shared by all subtasks.
 */
public interface NetworkSource extends Serializable {
    /** A key identifying the network, for the per-JVM cache. */
    String cacheKey();

    RoadNetwork load() throws Exception;

    Map<String, RoadNetwork> CACHE = new ConcurrentHashMap<>();

    static RoadNetwork cached(NetworkSource s) throws Exception {
        synchronized (CACHE) {
            RoadNetwork n = CACHE.get(s.cacheKey());
            if (n == null) {
                n = s.load();
                CACHE.put(s.cacheKey(), n);
            }
            return n;
        }
    }

    /** The road_segment / road / segment_feature tables. */
    static NetworkSource database(JdbcTarget target) {
        String key = "db:" + target.url() + "#" + java.util.UUID.randomUUID();
        return new NetworkSource() {
            @Override public String cacheKey() { return key; }

            @Override public RoadNetwork load() throws Exception {
                try (Connection c = target.open()) {
                    return RoadNetwork.load(c);
                }
            }
        };
    }

    /** A network given as objects. */
    static NetworkSource of(List<RoadNetwork.RoadDef> roads, List<RoadNetwork.SegmentDef> segments,
                            List<RoadNetwork.FeatureDef> features) {
        String key = "objects:" + java.util.UUID.randomUUID();
        return new NetworkSource() {
            @Override public String cacheKey() { return key; }

            @Override public RoadNetwork load() {
                return RoadNetwork.of(roads, segments, features);
            }
        };
    }
}
