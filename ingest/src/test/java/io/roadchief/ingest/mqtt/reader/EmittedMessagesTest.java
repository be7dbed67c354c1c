package io.roadchief.ingest.mqtt.reader;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmittedMessagesTest {
    private static final int A = EmittedMessages.checksum(new java.util.zip.CRC32C(), "roadchief/v1/vehicle/v1/imu", new byte[] {1, 2, 3});
    private static final int B = EmittedMessages.checksum(new java.util.zip.CRC32C(), "roadchief/v1/vehicle/v1/imu", new byte[] {1, 2, 4});

    @Test
    void aPendingEntryMatchesItsReSendByPacketIdAndContent() {
        EmittedMessages e = new EmittedMessages();
        e.emitted(17, A);
        assertThat(e.alreadyEmitted(17, A)).isTrue();
        assertThat(e.alreadyEmitted(17, B)).as("same id, other content").isFalse();
        assertThat(e.alreadyEmitted(18, A)).isFalse();
        for (int i = 0; i < 100_000; i++) e.alreadyEmitted(6, B);
        assertThat(e.alreadyEmitted(17, A)).as("pending entries have no window").isTrue();
    }

    @Test
    void anAcknowledgedEntryCountsOnlyRightAfterTheSessionResumesAndIsDroppedOnceCheckpointed() {
        EmittedMessages e = new EmittedMessages();
        e.emitted(17, A);
        e.acknowledged(17);
        assertThat(e.alreadyEmitted(17, A)).as("the broker may reuse id 17 once acknowledged").isFalse();
        e.resumed(10); // the acknowledgement may have been lost with the connection
        assertThat(e.alreadyEmitted(17, A)).isTrue();
        assertThat(e.checkpoint()).as("a checkpoint keeps it").hasSize(1);
        for (int i = 0; i < 10; i++) e.alreadyEmitted(100 + i, B); // the window closes
        assertThat(e.size()).isZero();

        e.emitted(18, A);
        e.acknowledged(18);
        assertThat(e.checkpoint()).hasSize(1);
        assertThat(e.checkpoint()).as("kept by one checkpoint, then dropped").isEmpty();
    }

    @Test
    void restoredEntriesAreTrustedOnlyForTheFirstMessagesAfterTheRestore() {
        EmittedMessages first = new EmittedMessages();
        first.emitted(1, A);
        first.emitted(2, B);
        List<Long> state = first.checkpoint();
        assertThat(state).hasSize(2);

        EmittedMessages restored = new EmittedMessages();
        restored.restore(state, 3); // 2 restored + 3 more in flight at most
        assertThat(restored.alreadyEmitted(2, B)).isTrue();
        assertThat(restored.alreadyEmitted(40, A)).isFalse();
        assertThat(restored.alreadyEmitted(41, A)).isFalse();
        assertThat(restored.alreadyEmitted(42, A)).isFalse();
        assertThat(restored.size()).as("still trusted after four messages").isEqualTo(2);
        assertThat(restored.alreadyEmitted(43, A)).isFalse(); // fifth message: the window closes
        assertThat(restored.size()).isZero();
        assertThat(restored.alreadyEmitted(1, A)).as("id 1 reused later by a byte-identical message").isFalse();
    }

    @Test
    void aLostSessionForgetsEverything() {
        EmittedMessages e = new EmittedMessages();
        e.emitted(5, A);
        e.forgetAll();
        assertThat(e.alreadyEmitted(5, A)).isFalse();
        assertThat(e.size()).isZero();
    }
}
