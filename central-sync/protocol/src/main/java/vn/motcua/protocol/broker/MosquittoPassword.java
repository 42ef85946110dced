package vn.motcua.protocol.broker;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mosquitto's own password-file hash, {@code $7$ITERATIONS$SALT$HASH}: PBKDF2-HMAC-SHA512 over the UTF-8
 * password, a 12-byte salt and a 64-byte result, both in padded Base64 — what {@code mosquitto_passwd} writes.
 * firmware-config writes it; central's embedded broker checks kiosk logins against the same file.
 */
public final class MosquittoPassword {
    public static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;
    /** mosquitto_passwd's own bounds; a higher count would let a crafted file make each login arbitrarily slow */
    private static final int MAX_ITERATIONS = 100_000;
    private static final Pattern FORMAT = Pattern.compile("\\$7\\$([0-9]{1,9})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");

    private MosquittoPassword() {
    }

    public static String hash(char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    public static String hash(char[] password, byte[] salt, int iterations) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** Whether {@code encoded} is a {@code $7$} hash this class can check. */
    public static boolean isSupported(String encoded) {
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > MAX_ITERATIONS) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(m.group(2)).length > 0 && Base64.getDecoder().decode(m.group(3)).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @param encoded a {@code $7$} hash as mosquitto_passwd writes it */
    public static boolean matches(char[] password, String encoded) {
        if (!isSupported(encoded)) {
            throw new IllegalArgumentException("not a mosquitto $7$ hash");
        }
        Matcher m = FORMAT.matcher(encoded);
        m.matches();
        byte[] salt = Base64.getDecoder().decode(m.group(2));
        byte[] expected = Base64.getDecoder().decode(m.group(3));
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(m.group(1))));
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    public static void wipe(char[] secret) {
        Arrays.fill(secret, '\0');
    }
}
