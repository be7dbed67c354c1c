package io.roadchief.simulator;

import io.roadchief.schema.v1.Envelope;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DropAndDuplicateTest {
    @Test
    void configuredLossAndDuplicationRatesAreHonoured() throws Exception {
        double drop = 0.05, dup = 0.03;
        FleetSimulator f = Scenario.builder().seed(5).km(4).defects(5).vehicles(6).durationS(900)
                .dropRate(drop).duplicateRate(dup).build().messages();
        Map<String, TreeSet<Long>> seen = new TreeMap<>();
        Map<String, byte[]> firstCopy = new HashMap<>();
        long delivered = 0, duplicates = 0;
        while (f.hasNext()) {
            SimMessage m = f.next();
            delivered++;
            String key = m.deviceId() + "/" + m.sequence();
            if (m.duplicate()) {
                duplicates++;
                assertThat(firstCopy).containsKey(key); // a copy arrives after its original
                assertThat(Arrays.equals(firstCopy.get(key), m.payload())).isTrue();
                assertThat(Envelope.parseFrom(m.payload()).getSequence()).isEqualTo(m.sequence());
            } else {
                assertThat(firstCopy.put(key, m.payload())).isNull();
                seen.computeIfAbsent(m.deviceId(), k -> new TreeSet<>()).add(m.sequence());
            }
        }
        long sent = 0, unique = 0;
        for (TreeSet<Long> s : seen.values()) {
            sent += s.last(); // sequences run 1..last; the missing ones were dropped
            unique += s.size();
        }
        double dropped = 1 - (double) unique / sent;
        double duplicated = (double) duplicates / unique;
        // binomial tolerance: ~4 standard deviations on several thousand messages
        assertThat(sent).isGreaterThan(3000);
        assertThat(dropped).isCloseTo(drop, within(4 * Math.sqrt(drop * (1 - drop) / sent)));
        assertThat(duplicated).isCloseTo(dup, within(4 * Math.sqrt(dup * (1 - dup) / unique)));
        assertThat(delivered).isEqualTo(unique + duplicates);
    }
}
