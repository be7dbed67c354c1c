package io.roadchief.ingest.mqtt.reader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The QoS 1 messages of one session that the reader has emitted recently, by MQTT packet id, each
 * with a checksum of its topic and payload.
 *
 * <p>Why: when a session resumes, the broker sends every message it holds as unacknowledged again,
 * with the same packet id. That happens after a lost connection and after a crash, for what the
 * restored checkpoint had already emitted. Emitting such a message again would not lose or
 * duplicate data (sinks are idempotent), but the de-duplication operator would quarantine it as if
 * the device had sent its sequence number twice: thousands of rows after every restart that no
 * device is to blame for. The reader checks each arriving message here, skips the ones it has
 * already emitted and only acknowledges them.
 *
 * <p>By packet id and content, not by the DUP flag: Paho's v5 client always reports DUP as false
 * (eclipse-paho/paho.mqtt.java#874). Two kinds of entry:
 * <ul>
 *   <li><b>pending</b> (emitted, acknowledgement not yet sent): the broker cannot give its packet id
 *       to another message meanwhile, so a match is always a re-send;</li>
 *   <li><b>maybe acknowledged</b>: the acknowledgement was handed to the client (it may not have
 *       reached the broker before a crash or a lost connection), or the entry came from a
 *       checkpoint. The broker may have reused the id, so these only count during a window right
 *       after a session resumes (a restore or a reconnect), when brokers re-send their in-flight
 *       messages; the window closes after as many messages as such entries plus the receive
 *       maximum, and they are dropped. The checksum also tells a reused id from a re-send, unless
 *       the new message is byte-identical (a device repeating itself).</li>
 * </ul>
 * A checkpoint keeps both kinds; acknowledged entries are dropped once a checkpoint has kept them.
 *
 * <p>A flat array indexed by packet id (1..65535): no allocation per message. Task thread only.
 */
final class EmittedMessages {
    private static final long PRESENT = 1L << 32;
    private static final long ACKED = 1L << 33;
    private static final long KEY = PRESENT | 0xFFFF_FFFFL;
    private final long[] byPacketId = new long[65_536];
    private int size;
    private int acked;
    private long windowLeft;

    /**
     * Checksum identifying a message's content under one packet id: CRC-32C of the payload mixed with
     * the topic's hash. {@code crc} is the caller's, reused (this runs for every message).
     */
    static int checksum(CRC32C crc, String topic, byte[] payload) {
        crc.reset();
        crc.update(payload);
        return (int) crc.getValue() * 31 + topic.hashCode();
    }

    void emitted(int packetId, int checksum) {
        clear(packetId);
        size++;
        byPacketId[packetId] = PRESENT | (checksum & 0xFFFF_FFFFL);
    }

    /**
     * Whether an arriving message is one this session already emitted. Call once per arriving QoS 1
     * message: it also counts down the window after a resume.
     */
    boolean alreadyEmitted(int packetId, int checksum) {
        long v = byPacketId[packetId];
        boolean match = (v & KEY) == (PRESENT | (checksum & 0xFFFF_FFFFL)) && ((v & ACKED) == 0 || windowLeft > 0);
        if (windowLeft > 0 && --windowLeft == 0) dropAcknowledged();
        return match;
    }

    /** Its acknowledgement went to the client. */
    void acknowledged(int packetId) {
        long v = byPacketId[packetId];
        if (v != 0 && (v & ACKED) == 0) {
            byPacketId[packetId] = v | ACKED;
            acked++;
        }
    }

    /** The session resumed on the broker: trust maybe-acknowledged entries for the re-sends to come. */
    void resumed(int receiveMaximum) {
        windowLeft = acked == 0 ? 0 : (long) size + receiveMaximum;
    }

    /** The broker had no session any more: nothing will be re-sent. */
    void forgetAll() {
        Arrays.fill(byPacketId, 0);
        size = 0;
        acked = 0;
        windowLeft = 0;
    }

    int size() {
        return size;
    }

    private void clear(int packetId) {
        long v = byPacketId[packetId];
        if (v == 0) return;
        size--;
        if ((v & ACKED) != 0) acked--;
        byPacketId[packetId] = 0;
    }

    private void dropAcknowledged() {
        if (acked == 0) return;
        for (int id = 1; id < byPacketId.length; id++) if ((byPacketId[id] & ACKED) != 0) clear(id);
    }

    /**
     * Entries for the split's checkpoint state, packed as {@code packetId << 32 | checksum}; then
     * drops the acknowledged ones (unless a resume window is open): the checkpoint now has them.
     */
    List<Long> checkpoint() {
        List<Long> out = new ArrayList<>(size);
        for (int id = 1; id < byPacketId.length; id++) {
            long v = byPacketId[id];
            if (v != 0) out.add(((long) id << 32) | (v & 0xFFFF_FFFFL));
        }
        if (windowLeft == 0) dropAcknowledged();
        return out;
    }

    /** Entries from a checkpoint: maybe acknowledged, trusted for the re-sends after the session resumes. */
    void restore(List<Long> packed, int receiveMaximum) {
        for (long p : packed) {
            int id = (int) (p >>> 32);
            emitted(id, (int) p);
            acknowledged(id);
        }
        resumed(receiveMaximum);
    }
}
