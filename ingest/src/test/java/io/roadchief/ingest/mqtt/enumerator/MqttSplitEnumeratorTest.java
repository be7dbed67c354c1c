package io.roadchief.ingest.mqtt.enumerator;

import io.roadchief.ingest.mqtt.MqttSource;
import io.roadchief.ingest.mqtt.MqttSourceOptions;
import io.roadchief.ingest.mqtt.split.MqttSplit;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Uses Flink's own test context for enumerators (flink-core test jar). */
class MqttSplitEnumeratorTest {
    private final MqttSourceOptions options = MqttSource.builder().brokerUrl("tcp://127.0.0.1:1").clientIdPrefix("job-a").options();

    private static Map<Integer, List<MqttSplit>> assignments(MockSplitEnumeratorContext<MqttSplit> ctx) {
        return ctx.getSplitsAssignmentSequence().stream()
                .flatMap(a -> a.assignment().entrySet().stream())
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.flatMapping(e -> e.getValue().stream(), Collectors.toList())));
    }

    @Test
    void eachReaderGetsOneStableSplitOnce() throws Exception {
        try (MockSplitEnumeratorContext<MqttSplit> ctx = new MockSplitEnumeratorContext<>(2)) {
            MqttSplitEnumerator e = new MqttSplitEnumerator(ctx, options, null);
            e.start();
            for (int i = 0; i < 2; i++) {
                ctx.registerReader(new ReaderInfo(i, "localhost"));
                e.addReader(i);
            }
            e.addReader(1); // registering again must not hand out the split a second time
            Map<Integer, List<MqttSplit>> got = assignments(ctx);
            assertThat(got.get(0)).containsExactly(new MqttSplit("reader-0", "job-a-0", options.topicFilters()));
            assertThat(got.get(1)).containsExactly(new MqttSplit("reader-1", "job-a-1", options.topicFilters()));
            assertThat(e.snapshotState(1).assignedSplitIds()).containsExactlyInAnyOrder("reader-0", "reader-1");
        }
    }

    @Test
    void withoutASharedGroupOnlyReaderZeroHasASession() throws Exception {
        MqttSourceOptions plain = MqttSource.builder().brokerUrl("tcp://127.0.0.1:1").clientIdPrefix("job-p").sharedGroup(null).options();
        try (MockSplitEnumeratorContext<MqttSplit> ctx = new MockSplitEnumeratorContext<>(3)) {
            MqttSplitEnumerator e = new MqttSplitEnumerator(ctx, plain, null);
            for (int i = 0; i < 3; i++) {
                ctx.registerReader(new ReaderInfo(i, "localhost"));
                e.addReader(i);
            }
            Map<Integer, List<MqttSplit>> got = assignments(ctx);
            assertThat(got).containsOnlyKeys(0);
            assertThat(got.get(0)).extracting(MqttSplit::clientId).containsExactly("job-p-0");
        }
    }

    @Test
    void restoredAssignmentsAreNotRepeatedButNewReadersGetNewSplits() throws Exception {
        try (MockSplitEnumeratorContext<MqttSplit> ctx = new MockSplitEnumeratorContext<>(3)) {
            MqttSplitEnumerator e = new MqttSplitEnumerator(ctx, options, new MqttEnumeratorState(Set.of("reader-0", "reader-1")));
            for (int i = 0; i < 3; i++) {
                ctx.registerReader(new ReaderInfo(i, "localhost"));
                e.addReader(i);
            }
            Map<Integer, List<MqttSplit>> got = assignments(ctx);
            assertThat(got).containsOnlyKeys(2);
            assertThat(got.get(2)).extracting(MqttSplit::clientId).containsExactly("job-a-2");
        }
    }

    @Test
    void splitsGivenBackGoAgainToTheReaderThatReturnsAfterFailure() throws Exception {
        try (MockSplitEnumeratorContext<MqttSplit> ctx = new MockSplitEnumeratorContext<>(2)) {
            MqttSplitEnumerator e = new MqttSplitEnumerator(ctx, options, null);
            ctx.registerReader(new ReaderInfo(0, "localhost"));
            e.addReader(0);
            MqttSplit first = assignments(ctx).get(0).get(0);
            e.addSplitsBack(List.of(first), 0);
            assertThat(e.snapshotState(2).assignedSplitIds()).isEmpty();
            e.addReader(0);
            assertThat(assignments(ctx).get(0)).containsExactly(first, first);
            assertThat(e.snapshotState(3).assignedSplitIds()).containsExactly("reader-0");
        }
    }
}
