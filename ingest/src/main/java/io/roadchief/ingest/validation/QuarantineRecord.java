package io.roadchief.ingest.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A refused message, as the quarantine table stores it.
 *
 * @param quarantineId deterministic: SHA-256 of (reason, topic, raw bytes), so a replay after a crash
 *                     records the same reject once; identical copies of one bad message collapse too
 * @param raw          the payload, capped at {@link #RAW_CAP_BYTES}
 * @param rawSize      the payload's real size
 */
public record QuarantineRecord(String quarantineId, long receivedAtMs, String topic, String deviceId, Long seq,
                               String reason, String detail, byte[] raw, int rawSize) {

    public static final int RAW_CAP_BYTES = 64 * 1024;
    private static final int TOPIC_CAP_CHARS = 512;
    private static final int DETAIL_CAP_CHARS = 1000;

    public static QuarantineRecord of(RejectReason reason, String detail, String topic, String deviceId, Long seq,
                                      byte[] payload, long receivedAtMs) {
        byte[] raw = payload == null ? new byte[0] : payload;
        String t = topic == null ? "" : cap(topic, TOPIC_CAP_CHARS);
        String id = id(reason, t, raw);
        byte[] kept = raw.length > RAW_CAP_BYTES ? Arrays.copyOf(raw, RAW_CAP_BYTES) : raw;
        return new QuarantineRecord(id, receivedAtMs, t, deviceId, seq, reason.code, cap(detail, DETAIL_CAP_CHARS), kept, raw.length);
    }

    private static String id(RejectReason reason, String topic, byte[] raw) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(reason.code.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(topic.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(raw);
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cap(String s, int max) {
        // Postgres text cannot hold NUL; strip it so SQL-looking or binary junk is stored verbatim otherwise.
        String clean = s.indexOf('\0') >= 0 ? s.replace('\0', '\uFFFD') : s;
        return clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }
}
