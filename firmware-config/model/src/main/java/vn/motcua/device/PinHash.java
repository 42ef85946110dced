package vn.motcua.device;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PIN as a kiosk keeps it: {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (Base64), so the PIN itself is never stored.
 * {@code firmware-config hash-pin} writes it; the kiosk screen (staff PIN) and the counter console (officers' PINs)
 * check against it. A plain PIN of 4 to 8 digits is still accepted where a development set-up gives one.
 */
public final class PinHash {
    public static final int ITERATIONS = 210_000;
    /** What a hash looks like; kiosk.yaml's loader uses it too. */
    public static final Pattern FORMAT =
            Pattern.compile("pbkdf2-sha256\\$([0-9]{4,7})\\$([A-Za-z0-9+/]+=*)\\$([A-Za-z0-9+/]{16,}=*)");
    private static final Pattern PLAIN = Pattern.compile("[0-9]{4,8}");

    private PinHash() {
    }

    public static String hash(char[] pin, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2-sha256$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(pin, salt, ITERATIONS, 32));
    }

    public static boolean isHash(String stored) {
        return stored != null && FORMAT.matcher(stored).matches();
    }

    /** A PIN as a person types it: 4 to 8 digits. */
    public static boolean isPin(String pin) {
        return pin != null && PLAIN.matcher(pin).matches();
    }

    /** Whether {@code entered} is the PIN that {@code stored} (a hash, or a plain PIN) stands for; constant time. */
    public static boolean matches(String stored, String entered) {
        if (stored == null || !isPin(entered)) {
            return false;
        }
        Matcher hashed = FORMAT.matcher(stored);
        if (!hashed.matches()) {
            return MessageDigest.isEqual(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    entered.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] salt = Base64.getDecoder().decode(hashed.group(2));
        byte[] expected = Base64.getDecoder().decode(hashed.group(3));
        return MessageDigest.isEqual(expected,
                derive(entered.toCharArray(), salt, Integer.parseInt(hashed.group(1)), expected.length));
    }

    private static byte[] derive(char[] pin, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
