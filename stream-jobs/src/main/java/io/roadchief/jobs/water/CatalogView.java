package io.roadchief.jobs.water;

import io.roadchief.jobs.sink.JdbcTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The gauge catalog as a water operator holds it: read from the {@code gauge} table when the
 * operator opens, and read again (at most once per refresh period) when a gauge it does not know
 * reports, so gauges imported while the job runs are picked up without a restart.
 */
final class CatalogView implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(CatalogView.class);

    private final JdbcTarget db;
    private final Map<String, GaugeConfig> fixed;
    private final long refreshMs;
    private transient Map<String, GaugeConfig> catalog;
    private transient long loadedAtMs;
    private transient int loads;

    private CatalogView(JdbcTarget db, Map<String, GaugeConfig> fixed, long refreshMs) {
        this.db = db;
        this.fixed = fixed;
        this.refreshMs = refreshMs;
    }

    static CatalogView fromDatabase(JdbcTarget db, long refreshMs) {
        return new CatalogView(db, null, refreshMs);
    }

    /** A catalog given directly (tests, or a job without a database). */
    static CatalogView fixed(Map<String, GaugeConfig> catalog) {
        return new CatalogView(null, new HashMap<>(catalog), Long.MAX_VALUE);
    }

    void open() throws Exception {
        load();
    }

    private void load() throws Exception {
        catalog = fixed != null ? fixed : GaugeCatalog.load(db);
        loadedAtMs = System.currentTimeMillis();
        loads++;
        log.info("water job: {} gauges in the catalog", catalog.size());
    }

    /** The gauge's configuration, or null when the catalog (re-read if due) does not have it. */
    GaugeConfig find(String gaugeId) throws Exception {
        GaugeConfig g = catalog.get(gaugeId);
        if (g == null && db != null && System.currentTimeMillis() - loadedAtMs >= refreshMs) {
            load();
            g = catalog.get(gaugeId);
        }
        return g;
    }

    Map<String, GaugeConfig> all() {
        return catalog;
    }

    /** Changes whenever the catalog was read again. */
    int generation() {
        return loads;
    }
}
