package io.roadchief.ingest.mqtt.split;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoint format of {@link MqttSplit}; bump {@link #VERSION} and keep reading old versions on change.
 * Version 2 added the unacknowledged messages (version 1 splits restore with none).
 */
public final class MqttSplitSerializer implements SimpleVersionedSerializer<MqttSplit> {
    public static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(MqttSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(split.splitId());
            out.writeUTF(split.clientId());
            out.writeInt(split.topicFilters().size());
            for (String f : split.topicFilters()) out.writeUTF(f);
            out.writeInt(split.unacknowledged().size());
            for (long p : split.unacknowledged()) out.writeLong(p);
        }
        return bytes.toByteArray();
    }

    @Override
    public MqttSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1 && version != 2) throw new IOException("unknown MqttSplit serializer version " + version);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            String splitId = in.readUTF();
            String clientId = in.readUTF();
            int n = in.readInt();
            List<String> filters = new ArrayList<>(n);
            for (int i = 0; i < n; i++) filters.add(in.readUTF());
            List<Long> unacknowledged = new ArrayList<>();
            if (version >= 2) {
                int u = in.readInt();
                for (int i = 0; i < u; i++) unacknowledged.add(in.readLong());
            }
            return new MqttSplit(splitId, clientId, filters, unacknowledged);
        }
    }
}
