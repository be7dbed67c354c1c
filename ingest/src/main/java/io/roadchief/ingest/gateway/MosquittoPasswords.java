package io.roadchief.ingest.gateway;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Passwords in Mosquitto 2.x password-file format, so the broker checks device logins itself:
 * {@code $7$<iterations>$<base64 salt>$<base64 hash>} with PBKDF2-HMAC-SHA512, 12-byte salt, 64-byte hash,
 * exactly what {@code mosquitto_passwd} writes (checked against mosquitto 2.0.11 by MosquittoLoginTest).
 *
 * <p>101 iterations is Mosquitto's own default; it costs microseconds, so checking a device's HTTP login
 * on the event loop is fine.
 */
public final class MosquittoPasswords {
    public static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;
    private static final String PREFIX = "$7$";
    /** 24 random bytes, URL-safe base64: 192 bits, no characters that need quoting in any client. */
    private static final int PASSWORD_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MosquittoPasswords() {}

    /** A fresh random device password (shown to the operator once, never stored). */
    public static String newPassword() {
        byte[] b = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The password-file hash of {@code password} with a fresh salt. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encode(ITERATIONS, salt, pbkdf2(password, salt, ITERATIONS));
    }

    /** True when {@code password} matches a {@code $7$} hash; false for anything malformed. */
    public static boolean matches(String password, String encoded) {
        if (password == null || encoded == null || !encoded.startsWith(PREFIX)) return false;
        String[] parts = encoded.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) return false;
        try {
            int iterations = Integer.parseInt(parts[0]);
            if (iterations < 1 || iterations > 1_000_000) return false;
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One line of a Mosquitto password_file. */
    public static String passwdLine(String username, String encodedHash) {
        return username + ":" + encodedHash + "\n";
    }

    private static String encode(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        // Java's PBKDF2 turns the char[] into UTF-8 bytes, as mosquitto_passwd hashes the UTF-8 input.
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
