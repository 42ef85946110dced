package vn.motcua.central.kiosklink;

import vn.motcua.central.store.KioskKey;

/**
 * How central's features reach a kiosk: commands and site configurations go out through this, whatever carries them.
 * Both return false when the message cannot be handed to the broker now (no connection); the caller decides what
 * that means for its record.
 */
public interface KioskDownlink {
    /** A signed command for one kiosk, at least once. */
    boolean sendCommand(KioskKey kiosk, byte[] command);

    /** A signed site configuration for one kiosk, kept by the broker (retained) for a kiosk that connects later. */
    boolean sendConfig(KioskKey kiosk, byte[] config);
}
