package io.roadchief.simulator.storm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StormScorecardTest {
    static final long DWELL = 600_000, TOL = 180_000;

    @Test
    void silenceMissesEveryCrossingAndPerfectAlertsMissNone() {
        StormRun run = StormScenario.standard(3, 40).run();
        StormScorecard.Result none = StormScorecard.score(run, List.of(), DWELL, TOL, 10);
        int required = none.levels().stream().mapToInt(StormScorecard.LevelScore::required).sum();
        assertThat(required).isPositive();
        assertThat(none.missedTotal()).isEqualTo(required);
        assertThat(none.deadAllFlagged()).isFalse();

        // An oracle: raise at each true crossing, lower nothing; flag the dead gauge on time.
        List<StormScorecard.ObservedAlert> oracle = new ArrayList<>();
        for (StormTruth.Crossing c : run.truth().crossings()) {
            oracle.add(new StormScorecard.ObservedAlert(c.levelIndex() == 0 ? "water_raise" : "water_escalate", c.gaugeId(), c.level(), c.timeMs() + 20_000));
            if (c.levelIndex() == 1) oracle.add(new StormScorecard.ObservedAlert("water_early_warning", c.gaugeId(), "yellow", c.timeMs() - 300_000));
        }
        run.truth().deaths().forEach((id, d) -> oracle.add(new StormScorecard.ObservedAlert("gauge_offline", id, null,
                d.lastReadingMs() + 3L * d.intervalS() * 1000)));
        StormScorecard.Result perfect = StormScorecard.score(run, oracle, DWELL, TOL, 10);
        assertThat(perfect.missedTotal()).isZero();
        assertThat(perfect.flapping()).isZero();
        assertThat(perfect.falseRaises()).isZero();
        assertThat(perfect.deadAllFlagged()).isTrue();
        assertThat(perfect.leadP50Ms()).isEqualTo(300_000);
        assertThat(perfect.toMarkdown()).contains("| yellow |");

        // A lower and a re-raise within the dwell is one flap; a raise the truth never reached is false.
        StormTruth.Crossing c = run.truth().crossings().stream()
                .filter(x -> run.truth().crossings().stream().filter(y -> y.gaugeId().equals(x.gaugeId())).count() == 1)
                .findFirst().orElseThrow();
        List<StormScorecard.ObservedAlert> flappy = new ArrayList<>(oracle);
        flappy.add(new StormScorecard.ObservedAlert("water_clear", c.gaugeId(), "normal", c.timeMs() + 60_000));
        flappy.add(new StormScorecard.ObservedAlert("water_raise", c.gaugeId(), c.level(), c.timeMs() + 120_000));
        String dry = run.gauges().stream().map(StormGauge::gaugeId).filter(id -> run.truth().peakMm().get(id) < 100).findFirst().orElseThrow();
        flappy.add(new StormScorecard.ObservedAlert("water_raise", dry, "red", c.timeMs()));
        StormScorecard.Result bad = StormScorecard.score(run, flappy, DWELL, TOL, 10);
        assertThat(bad.flapping()).isEqualTo(1);
        assertThat(bad.falseRaises()).isEqualTo(1);
    }
}
