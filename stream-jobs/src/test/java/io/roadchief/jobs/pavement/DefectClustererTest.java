package io.roadchief.jobs.pavement;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cross-pass clustering and the confirmation rules: which detection opens a ticket, and that later ones are evidence. */
class DefectClustererTest {
    final RoadNetwork net = SyntheticRoads.parallelRoads(List.of());
    final long t0 = 1_780_000_000_000L;

    static DefectDetection det(String device, long t, double chainage, String type, String severity, int depth, String source) {
        return new DefectDetection(device, t, "WS.004", "WS", 1, chainage, 0, 0, type, severity, 0.8, source, 30, 0.5, depth, 0.8, null);
    }

    /** Applies detections in order as the Flink operator does; returns the updates. */
    static List<DefectUpdate> apply(DefectClusterer c, List<DefectCluster> clusters, DefectDetection... ds) {
        List<DefectUpdate> out = new ArrayList<>();
        for (DefectDetection d : ds) {
            DefectCluster k = c.nearest(clusters, d.direction(), d.chainageM());
            if (k == null) {
                k = c.found(d);
                clusters.add(k);
            }
            out.add(c.add(k, d));
        }
        return out;
    }

    @Test
    void moderateDefectNeedsTwoVehiclesAndLaterDetectionsAreEvidence() {
        DefectClusterer c = new DefectClusterer(net, PavementConfig.defaults());
        List<DefectCluster> clusters = new ArrayList<>();
        List<DefectUpdate> u = apply(c, clusters,
                det("bus-1", t0, 340.0, "pothole", "moderate", -35, "accelerometer"),
                det("bus-1", t0 + 600_000, 342.0, "pothole", "moderate", -30, "accelerometer"), // same vehicle again: not independent
                det("car-2", t0 + 900_000, 338.0, "pothole", "moderate", -32, "accelerometer"),  // second vehicle: confirmed
                det("san-3", t0 + 1_200_000, 341.0, "pothole", "moderate", -33, "accelerometer"));
        assertThat(clusters).hasSize(1);
        assertThat(u.get(0).ticket()).isNull();
        assertThat(u.get(1).ticket()).isNull();
        assertThat(u.get(1).status()).isEqualTo("candidate");
        DefectUpdate confirmed = u.get(2);
        assertThat(confirmed.ticketOpened()).isTrue();
        assertThat(confirmed.ticket().confirmedAtMs()).isEqualTo(t0 + 900_000);
        assertThat(confirmed.ticket().dueAtMs() - confirmed.ticket().confirmedAtMs()).isEqualTo(Duration.ofHours(48).toMillis());
        assertThat(confirmed.ticket().warnAtMs() - confirmed.ticket().confirmedAtMs()).isEqualTo(Duration.ofHours(36).toMillis());
        assertThat(confirmed.ticket().titleZh()).isEqualTo("【中等】文三路 坑槽 (K0+340)");
        assertThat(confirmed.ticket().titleEn()).isEqualTo("[Moderate] Wensan Rd pothole (K0+340)");
        DefectUpdate evidence = u.get(3);
        assertThat(evidence.ticketOpened()).isFalse();
        assertThat(evidence.ticket().ticketId()).isEqualTo(confirmed.ticket().ticketId());
        assertThat(evidence.ticket().evidenceCount()).isEqualTo(2);
        assertThat(evidence.ticket().dueAtMs()).isEqualTo(confirmed.ticket().dueAtMs());
        assertThat(evidence.detectionCount()).isEqualTo(4);
        assertThat(evidence.vehicleCount()).isEqualTo(3);
        assertThat(evidence.lastSeenMs()).isEqualTo(t0 + 1_200_000);
    }

    @Test
    void severeDefectSeenByTheCameraIsConfirmedByOneVehicleWith24hDeadline() {
        DefectClusterer c = new DefectClusterer(net, PavementConfig.defaults());
        List<DefectCluster> clusters = new ArrayList<>();
        DefectUpdate u = apply(c, clusters, det("car-1", t0, 500, "pothole", "severe", -70, "fused")).get(0);
        assertThat(u.ticketOpened()).isTrue();
        assertThat(u.severity()).isEqualTo("severe");
        assertThat(u.ticket().dueAtMs() - u.ticket().confirmedAtMs()).isEqualTo(Duration.ofHours(24).toMillis());
        assertThat(u.ticket().titleZh()).startsWith("【严重】文三路 坑槽");
    }

    @Test
    void severeByAccelerometerAloneWaitsForASecondVehicleUnlessConfiguredOtherwise() {
        DefectClusterer c = new DefectClusterer(net, PavementConfig.defaults());
        List<DefectCluster> clusters = new ArrayList<>();
        List<DefectUpdate> u = apply(c, clusters,
                det("bus-1", t0, 500, "pothole", "severe", -70, "accelerometer"),
                det("bus-2", t0 + 60_000, 502, "pothole", "severe", -66, "accelerometer"));
        assertThat(u.get(0).ticket()).isNull();
        assertThat(u.get(1).ticketOpened()).isTrue();

        PavementConfig oneIsEnough = PavementConfig.defaults();
        oneIsEnough.severeSingleNeedsCamera = false;
        DefectClusterer c2 = new DefectClusterer(net, oneIsEnough);
        assertThat(apply(c2, new ArrayList<>(), det("bus-1", t0, 500, "pothole", "severe", -70, "accelerometer")).get(0).ticketOpened()).isTrue();
    }

    @Test
    void confirmationRuleIsConfigurableInOnePlace() {
        PavementConfig three = PavementConfig.defaults();
        three.confirmVehicles = 3;
        DefectClusterer c = new DefectClusterer(net, three);
        List<DefectUpdate> u = apply(c, new ArrayList<>(),
                det("a", t0, 200, "bump", "moderate", 30, "accelerometer"),
                det("b", t0 + 1, 201, "bump", "moderate", 30, "accelerometer"),
                det("c", t0 + 2, 199, "bump", "moderate", 30, "accelerometer"));
        assertThat(u.get(1).ticket()).isNull();
        assertThat(u.get(2).ticketOpened()).isTrue();
    }

    @Test
    void separateDefectsAndLanesStaySeparateAndIdsAreStable() {
        DefectClusterer c = new DefectClusterer(net, PavementConfig.defaults());
        List<DefectCluster> clusters = new ArrayList<>();
        DefectDetection a = det("a", t0, 300, "pothole", "moderate", -30, "accelerometer");
        DefectDetection far = det("b", t0 + 5, 340, "pothole", "moderate", -30, "accelerometer");
        DefectDetection otherLane = new DefectDetection("c", t0 + 9, "WS.004", "WS", -1, 301, 0, 0, "pothole", "moderate",
                0.8, "accelerometer", 30, 0.5, -30, 0.8, null);
        apply(c, clusters, a, far, otherLane);
        assertThat(clusters).hasSize(3);
        // The same founding detection gives the same ids in any run.
        DefectCluster again = new DefectClusterer(net, PavementConfig.defaults()).found(a);
        assertThat(again.defectId).isEqualTo(clusters.get(0).defectId);
        assertThat(again.ticketId).isEqualTo(clusters.get(0).ticketId);
        assertThat(again.defectId).startsWith("DF-WS-K0300-");
    }

    @Test
    void typeFollowsTheWeightedMajorityCameraFirst() {
        DefectClusterer c = new DefectClusterer(net, PavementConfig.defaults());
        List<DefectUpdate> u = apply(c, new ArrayList<>(),
                det("a", t0, 300, "pothole", "moderate", -30, "accelerometer"),
                det("b", t0 + 1, 301, "pothole", "moderate", -30, "accelerometer"),
                det("c", t0 + 2, 300, "manhole", "moderate", -25, "fused"));
        assertThat(u.get(2).defectType()).isEqualTo("manhole");
        assertThat(u.get(2).ticket().titleEn()).contains("manhole cover");
    }
}
