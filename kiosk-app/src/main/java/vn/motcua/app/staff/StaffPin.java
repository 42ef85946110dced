package vn.motcua.app.staff;

import vn.motcua.device.PinHash;

/**
 * What opens the staff screen: a plain PIN of 4 to 8 digits (development), or the hash kiosk.yaml keeps
 * ({@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, written by {@code firmware-config hash-pin}) so that the PIN itself is
 * never stored on the kiosk.
 */
public final class StaffPin {
    private StaffPin() {
    }

    public static boolean isValid(String pinOrHash) {
        return PinHash.isPin(pinOrHash) || PinHash.isHash(pinOrHash);
    }

    public static boolean matches(String pinOrHash, String entered) {
        return PinHash.matches(pinOrHash, entered);
    }
}
