package io.roadchief.ingest.mqtt.enumerator;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** Checkpoint format of {@link MqttEnumeratorState}; bump {@link #VERSION} on change. */
public final class MqttEnumeratorStateSerializer implements SimpleVersionedSerializer<MqttEnumeratorState> {
    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(MqttEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Set<String> ids = new TreeSet<>(state.assignedSplitIds());
            out.writeInt(ids.size());
            for (String id : ids) out.writeUTF(id);
        }
        return bytes.toByteArray();
    }

    @Override
    public MqttEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown MqttEnumeratorState serializer version " + version);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int n = in.readInt();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < n; i++) ids.add(in.readUTF());
            return new MqttEnumeratorState(ids);
        }
    }
}
