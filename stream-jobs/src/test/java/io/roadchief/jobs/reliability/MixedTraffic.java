package io.roadchief.jobs.reliability;

import io.roadchief.ingest.testing.SampleEnvelopes;
import io.roadchief.jobs.testing.BulkPublisher;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic mix of telemetry with known bad parts: 92 % valid unique, 5 % malformed protobuf,
 * 2 % duplicated copies, 1 % out of range, shuffled locally (as several units interleave). Knows
 * exactly what the database must hold afterwards.
 */
final class MixedTraffic {
    final List<BulkPublisher.Message> messages = new ArrayList<>();
    final int validImu;
    final int validGauge;
    final Map<String, Integer> quarantined = new TreeMap<>();
    final int vehicles;
    final int gauges;

    MixedTraffic(int total, int vehicles, int gauges, long seed) {
        this.vehicles = vehicles;
        this.gauges = gauges;
        Random rnd = new Random(seed);
        int malformed = total * 5 / 100, duplicates = total * 2 / 100, outOfRange = total / 100;
        int valid = total - malformed - duplicates - outOfRange;
        long now = System.currentTimeMillis();
        long[] nextSeq = new long[vehicles + gauges];
        List<BulkPublisher.Message> validOnes = new ArrayList<>(valid);
        int imu = 0, gauge = 0;
        for (int i = 0; i < valid; i++) {
            Envelope e;
            if (i % 2 == 0) {
                int v = rnd.nextInt(vehicles);
                long seq = ++nextSeq[v];
                e = SampleEnvelopes.imu(SampleEnvelopes.vehicleId(v), seq, now - 600_000 + seq * 1000);
                imu++;
            } else {
                int g = rnd.nextInt(gauges);
                long seq = ++nextSeq[vehicles + g];
                e = SampleEnvelopes.gauge(SampleEnvelopes.gaugeId(g), seq, now - 600_000 + seq * 100, (int) (seq % 900));
                gauge++;
            }
            validOnes.add(new BulkPublisher.Message(SampleEnvelopes.topicFor(e), e.toByteArray()));
        }
        validImu = imu;
        validGauge = gauge;
        List<BulkPublisher.Message> all = new ArrayList<>(validOnes);
        for (int i = 0; i < duplicates; i++) all.add(validOnes.get(i * (valid / duplicates)));
        for (int i = 0; i < malformed; i++) {
            byte[] junk = new byte[16 + rnd.nextInt(64)];
            rnd.nextBytes(junk);
            junk[0] = (byte) 0xff; // an invalid field tag: never a valid Envelope
            junk[1] = (byte) (i >>> 8);
            junk[2] = (byte) i; // distinct bytes, so each is its own quarantine row
            junk[3] = (byte) (i >>> 16);
            all.add(new BulkPublisher.Message(Topics.gaugeLevel(SampleEnvelopes.gaugeId(i % gauges)), junk));
        }
        for (int i = 0; i < outOfRange; i++) {
            int g = i % gauges;
            Envelope e = SampleEnvelopes.gauge(SampleEnvelopes.gaugeId(g), 10_000_000 + i, now, -1 - i); // negative level
            all.add(new BulkPublisher.Message(SampleEnvelopes.topicFor(e), e.toByteArray()));
        }
        // Shuffle in small windows: units interleave, yet a duplicate still follows its original.
        for (int from = 0; from < all.size(); from += 500) {
            Collections.shuffle(all.subList(from, Math.min(all.size(), from + 500)), rnd);
        }
        messages.addAll(all);
        quarantined.put("malformed", malformed);
        quarantined.put("duplicate", duplicates);
        quarantined.put("impossible_value", outOfRange);
    }
}
