package io.roadchief.ingest.mqtt.reader;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcknowledgmentBufferTest {

    @Test
    void releasesOnlyWhatTheCompletedCheckpointCoversInArrivalOrder() {
        AcknowledgmentBuffer<Integer> buf = new AcknowledgmentBuffer<>();
        buf.add(7);
        buf.add(3);
        buf.add(9);
        buf.seal(1);
        buf.add(1);
        buf.add(2);
        buf.seal(2);
        buf.add(5); // after the snapshot of 2: not covered by it

        assertThat(buf.pending()).isEqualTo(6);
        assertThat(buf.release(1)).containsExactly(7, 3, 9);
        assertThat(buf.release(1)).isEmpty();
        assertThat(buf.release(2)).containsExactly(1, 2);
        assertThat(buf.pending()).isEqualTo(1);
        assertThat(buf.unsealed()).isEqualTo(1);

        buf.seal(3);
        assertThat(buf.release(3)).containsExactly(5);
        assertThat(buf.pending()).isZero();
    }

    @Test
    void aCompletedCheckpointSubsumesEarlierAbortedOnes() {
        AcknowledgmentBuffer<Integer> buf = new AcknowledgmentBuffer<>();
        buf.add(10);
        buf.seal(4); // checkpoint 4 is aborted: no release(4)
        buf.add(11);
        buf.seal(5);
        buf.add(12);
        buf.seal(6);
        buf.add(13);

        assertThat(buf.release(3)).isEmpty();
        assertThat(buf.release(5)).containsExactly(10, 11);
        assertThat(buf.release(7)).containsExactly(12);
        assertThat(buf.pending()).isEqualTo(1);
    }

    @Test
    void emptySnapshotsAndHeldAcksBeforeAnySnapshot() {
        AcknowledgmentBuffer<Integer> buf = new AcknowledgmentBuffer<>();
        buf.seal(1);
        assertThat(buf.release(1)).isEmpty();
        buf.add(42);
        assertThat(buf.release(100)).isEmpty(); // not sealed under any checkpoint yet
        buf.seal(2);
        assertThat(buf.release(100)).isEqualTo(List.of(42));
    }

    @Test
    void checkpointIdsMustGrow() {
        AcknowledgmentBuffer<Integer> buf = new AcknowledgmentBuffer<>();
        buf.add(1);
        buf.seal(5);
        assertThatThrownBy(() -> buf.seal(5)).isInstanceOf(IllegalStateException.class);
    }
}
