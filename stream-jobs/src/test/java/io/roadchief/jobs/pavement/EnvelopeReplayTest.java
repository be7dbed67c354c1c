package io.roadchief.jobs.pavement;

import io.roadchief.schema.v1.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay file drops re-sent copies and serves any record by index, so a restored source resumes where it was. */
class EnvelopeReplayTest {
    @TempDir
    Path tmp;

    static long seqOf(byte[] rec) throws Exception {
        return Envelope.parseFrom(java.util.Arrays.copyOfRange(rec, 8, rec.length)).getSequence();
    }

    @Test
    void dropsDuplicatesAndSeeksByIndex() throws Exception {
        List<EnvelopeReplay.Recorded> in = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] p = Envelope.newBuilder().setDeviceId("bus-1").setSequence(i).setDeviceTimeMs(1000L * i).build().toByteArray();
            in.add(new EnvelopeReplay.Recorded(p, 1000L * i + 50));
            if (i % 10 == 0) in.add(new EnvelopeReplay.Recorded(p, 1000L * i + 900)); // a re-sent copy
        }
        Path file = tmp.resolve("r.bin");
        assertThat(EnvelopeReplay.write(file, in.iterator())).isEqualTo(100);
        EnvelopeReplay.FileReader r = new EnvelopeReplay.FileReader(file.toString());
        r.open(null);
        for (long i = 0; i < 10; i++) assertThat(seqOf(r.map(i))).isEqualTo(i);
        // a restore from a checkpoint taken at record 57
        EnvelopeReplay.FileReader restored = new EnvelopeReplay.FileReader(file.toString());
        restored.open(null);
        assertThat(seqOf(restored.map(57L))).isEqualTo(57);
        assertThat(seqOf(restored.map(58L))).isEqualTo(58);
        restored.close();
        r.close();
    }
}
