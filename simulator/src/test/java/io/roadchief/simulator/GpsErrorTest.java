package io.roadchief.simulator;

import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.simulator.network.LocalProjection;
import io.roadchief.simulator.network.Road;
import io.roadchief.simulator.network.RoadNetwork;
import io.roadchief.simulator.road.RoadSurface;
import io.roadchief.simulator.vehicle.GpsErrorModel;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GpsErrorTest {
    @Test
    void errorModelHasTheConfiguredRmsAndIsCorrelatedNotWhite() {
        GpsErrorModel m = new GpsErrorModel(5.0, 30, new SplittableRandom(1));
        int n = 400_000;
        double sum2 = 0, lagSum = 0, prev = m.eastM(), var = 0;
        for (int i = 0; i < n; i++) {
            m.step(1.0);
            sum2 += m.eastM() * m.eastM() + m.northM() * m.northM();
            lagSum += m.eastM() * prev;
            var += m.eastM() * m.eastM();
            prev = m.eastM();
        }
        assertThat(Math.sqrt(sum2 / n)).isCloseTo(5.0, within(0.25));
        assertThat(lagSum / var).isCloseTo(Math.exp(-1.0 / 30), within(0.01)); // ~0.967, white would be 0
    }

    /**
     * End to end: fixes' distance to the lane line they belong to (matched by heading) is the
     * cross-track component of the error; for an isotropic error the horizontal RMS is sqrt 2 times it.
     */
    @Test
    void publishedFixesAreThreeToEightMetresOff() throws Exception {
        FleetSimulator f = Scenario.builder().seed(3).km(8).defects(5).vehicles(6).durationS(1200)
                .dropRate(0).duplicateRate(0).build().messages();
        RoadNetwork net = f.world().network();
        GeometryFactory gf = new GeometryFactory();
        List<LineString> lanes = new ArrayList<>();
        List<Double> laneHeading = new ArrayList<>();
        double[] p = new double[2];
        for (Road r : net.roads()) {
            for (int d : new int[] {1, -1}) {
                int n = (int) (r.lengthM() / 5) + 1;
                Coordinate[] cs = new Coordinate[n + 1];
                for (int i = 0; i <= n; i++) {
                    r.pointAt(Math.min(r.lengthM(), i * 5.0), RoadSurface.laneCentre(d), p);
                    cs[i] = new Coordinate(p[0], p[1]);
                }
                lanes.add(gf.createLineString(cs));
                double h = r.headingDeg(r.lengthM() / 2);
                laneHeading.add(d > 0 ? h : (h + 180) % 360);
            }
        }
        LocalProjection proj = net.projection();
        double sum2 = 0;
        long n = 0;
        while (f.hasNext()) {
            Envelope e = Envelope.parseFrom(f.next().payload());
            if (!e.hasImu()) continue;
            for (GpsFix fx : e.getImu().getFixesList()) {
                if (fx.getSpeedCmS() < 300) continue; // heading is meaningless when standing
                Point pt = gf.createPoint(new Coordinate(proj.eastM(fx.getLonE7() / 1e7), proj.northM(fx.getLatE7() / 1e7)));
                double best = Double.MAX_VALUE;
                for (int i = 0; i < lanes.size(); i++) {
                    double dh = Math.abs(((fx.getHeadingCdeg() / 100.0 - laneHeading.get(i)) + 540) % 360 - 180);
                    if (dh < 30) best = Math.min(best, lanes.get(i).distance(pt));
                }
                if (best < 30) {
                    sum2 += best * best;
                    n++;
                }
            }
        }
        assertThat(n).isGreaterThan(10_000);
        double rms = Math.sqrt(2 * sum2 / n);
        assertThat(rms).isBetween(3.0, 8.0);
    }
}
