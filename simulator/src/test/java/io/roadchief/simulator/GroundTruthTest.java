package io.roadchief.simulator;

import io.roadchief.simulator.road.DefectSeverity;
import io.roadchief.simulator.road.PlantedDefect;
import io.roadchief.simulator.road.ProfileSynthesizer;
import io.roadchief.simulator.road.RoadSurface;
import io.roadchief.simulator.road.Severity;
import io.roadchief.simulator.truth.DefectTruth;
import io.roadchief.simulator.truth.GoldenCarIri;
import io.roadchief.simulator.truth.GroundTruth;
import io.roadchief.simulator.truth.SegmentTruth;
import io.roadchief.schema.v1.DefectType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class GroundTruthTest {
    @Test
    void truthCoversEveryDefectFeatureAndSegmentAndRoundTrips(@TempDir Path dir) {
        Scenario scenario = Scenario.builder().seed(4).km(20).defects(80).vehicles(4).build();
        SimulatedWorld world = scenario.world();
        GroundTruth truth = world.truth();
        assertThat(truth.defects()).hasSize(80);
        assertThat(truth.defects().stream().map(DefectTruth::type).collect(Collectors.toSet()))
                .containsAll(Set.of("POTHOLE", "CRACK", "SUBSIDENCE", "BUMP", "RUTTING", "MANHOLE"));
        assertThat(truth.features()).extracting(f -> f.kind()).contains("speed_bump", "expansion_joint", "manhole_cover");
        assertThat(truth.segments()).hasSize(world.network().segments().size());
        for (SegmentTruth s : truth.segments()) {
            assertThat(s.iri()).isBetween(0.3, 60.0);
            assertThat(s.iri()).isGreaterThanOrEqualTo(s.iriBase() - 1e-9 - 0.5 * s.iriBase());
        }
        // defects sit in their segment, in a wheel path, and carry the one severity rule
        for (PlantedDefect d : world.surface().defects()) {
            var seg = world.network().segment(d.segmentId());
            assertThat(seg.contains(d.centreM()) || d.centreM() == seg.endM()).isTrue();
            assertThat(Math.abs(d.lateralM() - RoadSurface.wheelPath(d.direction()))).isLessThan(0.2);
            assertThat(d.severity()).isEqualTo(DefectSeverity.of(d.type(), d.depthM()));
            if (d.type() == DefectType.POTHOLE) {
                assertThat(-d.depthM()).isBetween(0.02, 0.12);
                assertThat(d.lengthM()).isBetween(0.2, 2.0);
            }
        }
        scenario.writeTruth(world, dir);
        GroundTruth back = GroundTruth.read(dir);
        assertThat(back.defects()).hasSameSizeAs(truth.defects());
        assertThat(back.defects().get(7).defectId()).isEqualTo(truth.defects().get(7).defectId());
        assertThat(back.defects().get(7).lat()).isCloseTo(truth.defects().get(7).lat(), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(back.segments().get(3).iri()).isCloseTo(truth.segments().get(3).iri(), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(back.features()).hasSameSizeAs(truth.features());
        assertThat(back.devices()).hasSize(4);
        assertThat(dir.resolve(GroundTruth.SUMMARY)).content().contains("\"seed\": 4");
    }

    @Test
    void defectsRaiseTheTrueIriOfTheirWheelPath() {
        SimulatedWorld world = Scenario.builder().seed(8).km(10).defects(60).vehicles(1).build().world();
        GoldenCarIri golden = new GoldenCarIri(ProfileSynthesizer.DX);
        int raised = 0, severe = 0;
        for (PlantedDefect d : world.surface().defects()) {
            // cracking is texture-scale: the 250 mm smoothing of E1926 removes most of it, as on real roads
            if (d.severity() != Severity.SEVERE || d.type() == DefectType.CRACK) continue;
            severe++;
            SegmentTruth s = world.truth().segment(d.segmentId());
            // iri and iriBase average both wheel paths; only the defect's own path differs
            if (s.iri() > s.iriBase() + 0.05) raised++;
        }
        assertThat(severe).isPositive();
        assertThat(raised).isEqualTo(severe);
        assertThat(golden.dx()).isEqualTo(ProfileSynthesizer.DX);
    }

    @Test
    void severityRuleThresholds() {
        assertThat(DefectSeverity.of(DefectType.POTHOLE, -0.05)).isEqualTo(Severity.SEVERE);
        assertThat(DefectSeverity.of(DefectType.POTHOLE, -0.049)).isEqualTo(Severity.MODERATE);
        assertThat(DefectSeverity.of(DefectType.POTHOLE, -0.02)).isEqualTo(Severity.MINOR);
        assertThat(DefectSeverity.of(DefectType.MANHOLE, 0.03)).isEqualTo(Severity.SEVERE);
        assertThat(DefectSeverity.of(DefectType.RUTTING, -0.016)).isEqualTo(Severity.MODERATE);
    }
}
