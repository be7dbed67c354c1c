package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.CameraCandidate;
import io.roadchief.ingest.telemetry.TelemetryRecords;
import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.schema.v1.Envelope;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Replays recorded telemetry through the pavement pipeline: envelopes (protobuf, as devices publish
 * them) are kept in a file of length-prefixed records in arrival order, and a bounded Flink source reads
 * them back in that order (parallelism 1, no restore: a replay is simply run again). Used by the
 * evaluation and the tests; the live job reads MQTT instead.
 */
public final class EnvelopeReplay {
    private EnvelopeReplay() {}

    /** One recorded message: payload and when it reached the broker. */
    public record Recorded(byte[] payload, long receivedAtMs) {}

    /**
     * Writes messages to {@code file}, dropping re-sent copies (same device and sequence) as ingest does.
     *
     * @return the number of records written
     */
    public static long write(Path file, Iterator<Recorded> messages) throws IOException {
        Set<String> seen = new HashSet<>();
        long n = 0, offset = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
             DataOutputStream idx = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(indexOf(file)), 1 << 16))) {
            while (messages.hasNext()) {
                Recorded m = messages.next();
                Envelope env = Envelope.parseFrom(m.payload());
                if (!seen.add(env.getDeviceId() + "/" + env.getSequence())) continue;
                idx.writeLong(offset);
                out.writeLong(m.receivedAtMs());
                out.writeInt(m.payload().length);
                out.write(m.payload());
                offset += 12 + m.payload().length;
                n++;
            }
        }
        return n;
    }

    /** The record offsets beside a replay file. */
    static Path indexOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".idx");
    }

    /**
     * Reads record i: sequentially while the indices come in order (parallelism 1), seeking through the
     * offset index otherwise, so a restore from a checkpoint resumes exactly where the checkpoint was.
     */
    static final class FileReader implements GeneratorFunction<Long, byte[]> {
        private final String path;
        private transient DataInputStream in;
        private transient long next = -1;

        FileReader(String path) {
            this.path = path;
        }

        @Override
        public void open(SourceReaderContext ctx) {
            next = -1;
        }

        private void seek(long index) throws IOException {
            if (in != null) in.close();
            long offset;
            try (java.io.RandomAccessFile idx = new java.io.RandomAccessFile(indexOf(Path.of(path)).toFile(), "r")) {
                idx.seek(index * 8);
                offset = idx.readLong();
            }
            InputStream is = Files.newInputStream(Path.of(path));
            is.skipNBytes(offset);
            in = new DataInputStream(new BufferedInputStream(is, 1 << 16));
            next = index;
        }

        @Override
        public byte[] map(Long index) throws IOException {
            if (index != next) seek(index);
            next = index + 1;
            long received = in.readLong();
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            // prefix the arrival time so the decoder can fill receivedAtMs
            byte[] out = new byte[b.length + 8];
            for (int i = 0; i < 8; i++) out[i] = (byte) (received >>> (56 - 8 * i));
            System.arraycopy(b, 0, out, 8, b.length);
            return out;
        }

        @Override
        public void close() throws IOException {
            if (in != null) in.close();
        }
    }

    /** Decoded telemetry from a replay. */
    public record Telemetry(DataStream<VehicleBatch> batches, DataStream<CameraCandidate> cameras) {}

    private static final OutputTag<CameraCandidate> CAMERAS = new OutputTag<>("replay-cameras", TypeInformation.of(CameraCandidate.class));

    public static Telemetry read(StreamExecutionEnvironment env, Path file, long count) {
        DataGeneratorSource<byte[]> source = new DataGeneratorSource<>(new FileReader(file.toAbsolutePath().toString()), count,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        DataStream<byte[]> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "envelope-replay").setParallelism(1);
        SingleOutputStreamOperator<VehicleBatch> batches = raw.process(new ProcessFunction<byte[], VehicleBatch>() {
            @Override
            public void processElement(byte[] rec, Context ctx, Collector<VehicleBatch> out) throws Exception {
                long received = 0;
                for (int i = 0; i < 8; i++) received = (received << 8) | (rec[i] & 0xff);
                Envelope e = Envelope.parseFrom(java.util.Arrays.copyOfRange(rec, 8, rec.length));
                if (e.hasImu()) out.collect(TelemetryRecords.vehicleBatch(e, received, null));
                else if (e.hasDetections()) for (CameraCandidate c : TelemetryRecords.cameraCandidates(e, received)) ctx.output(CAMERAS, c);
            }
        }).returns(VehicleBatch.class).setParallelism(1).name("decode");
        return new Telemetry(batches, batches.getSideOutput(CAMERAS));
    }
}
