package vn.motcua.firmware.provision;

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
 */
public final class MosquittoPassword {
    public static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;
    private static final Pattern FORMAT = Pattern.compile("\\$7\\$([0-9]+)\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");

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

    /** @param encoded a {@code $7$} hash as mosquitto_passwd writes it */
    public static boolean matches(char[] password, String encoded) {
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a mosquitto $7$ hash");
        }
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

    static void wipe(char[] secret) {
        Arrays.fill(secret, '\0');
    }
}
