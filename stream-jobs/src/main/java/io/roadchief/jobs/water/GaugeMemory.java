package io.roadchief.jobs.water;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Everything the job remembers about one gauge between readings. Kept in Flink keyed state as bytes
 * in a format of our own (versioned), so that the state survives code changes without Kryo.
 */
public final class GaugeMemory {
    /** 2: gauge health's neighbour fields appended (format 1 still reads, with none). */
    private static final byte FORMAT = 2;

    final SpikeFilter spikes = SpikeFilter.standard();
    final RateOfRise rise = RateOfRise.standard();
    final RainfallWindow rain = RainfallWindow.standard();
    final RiskLevelHysteresis risk = RiskLevelHysteresis.standard();
    final EarlyWarning early = EarlyWarning.standard();
    final GaugeHealth health = new GaugeHealth();
    long lastTimeMs = Long.MIN_VALUE;
    int lastLevelMm;
    float lastRiseMmMin;
    Integer lastEtaS;
    /** Wall-clock arrival of the last reading and the timers armed for it (not part of the logic's output). */
    long lastArrivalWallMs;
    long eventTimerMs = Long.MIN_VALUE;
    long wallTimerMs = Long.MIN_VALUE;

    public RiskLevel level() { return risk.level(); }

    public GaugeHealth health() { return health; }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            spikes.write(out);
            rise.write(out);
            rain.write(out);
            risk.write(out);
            early.write(out);
            health.write(out);
            out.writeLong(lastTimeMs);
            out.writeInt(lastLevelMm);
            out.writeFloat(lastRiseMmMin);
            out.writeInt(lastEtaS == null ? -1 : lastEtaS);
            out.writeLong(lastArrivalWallMs);
            out.writeLong(eventTimerMs);
            out.writeLong(wallTimerMs);
            health.writeNeighbourFields(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GaugeMemory fromBytes(byte[] b) {
        GaugeMemory m = new GaugeMemory();
        if (b == null) return m;
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
            byte format = in.readByte();
            if (format != 1 && format != FORMAT) throw new IllegalStateException("unknown gauge state format " + format);
            m.spikes.read(in);
            m.rise.read(in);
            m.rain.read(in);
            m.risk.read(in);
            m.early.read(in);
            m.health.read(in);
            m.lastTimeMs = in.readLong();
            m.lastLevelMm = in.readInt();
            m.lastRiseMmMin = in.readFloat();
            int eta = in.readInt();
            m.lastEtaS = eta < 0 ? null : eta;
            m.lastArrivalWallMs = in.readLong();
            m.eventTimerMs = in.readLong();
            m.wallTimerMs = in.readLong();
            if (format >= 2) m.health.readNeighbourFields(in);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
