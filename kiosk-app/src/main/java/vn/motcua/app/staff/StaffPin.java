package vn.motcua.app.staff;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * What opens the staff screen: a plain PIN of 4 to 8 digits (development), or the hash kiosk.yaml keeps
 * ({@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, written by {@code firmware-config hash-pin}) so that the PIN itself is
 * never stored on the kiosk.
 */
public final class StaffPin {
    private static final Pattern PLAIN = Pattern.compile("\\d{4,8}");
    private static final Pattern HASHED = Pattern.compile("pbkdf2-sha256\\$(\\d{4,7})\\$([A-Za-z0-9+/=]{8,})\\$([A-Za-z0-9+/=]{16,})");

    private StaffPin() {
    }

    public static boolean isValid(String pinOrHash) {
        return pinOrHash != null && (PLAIN.matcher(pinOrHash).matches() || HASHED.matcher(pinOrHash).matches());
    }

    public static boolean matches(String pinOrHash, String entered) {
        if (entered == null || !PLAIN.matcher(entered).matches()) {
            return false;
        }
        var hashed = HASHED.matcher(pinOrHash);
        if (!hashed.matches()) {
            return MessageDigest.isEqual(pinOrHash.getBytes(), entered.getBytes());
        }
        byte[] salt = Base64.getDecoder().decode(hashed.group(2));
        byte[] expected = Base64.getDecoder().decode(hashed.group(3));
        PBEKeySpec spec = new PBEKeySpec(entered.toCharArray(), salt, Integer.parseInt(hashed.group(1)),
                expected.length * 8);
        try {
            byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(expected, actual);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
