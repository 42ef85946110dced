package vn.motcua.device;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinHashTest {
    @Test
    void givenHashedPin_thenOnlyThatPinMatches_andTheHashNeverContainsIt() {
        String stored = PinHash.hash("2468".toCharArray(), new SecureRandom());
        assertTrue(PinHash.isHash(stored), stored);
        assertFalse(stored.contains("2468"));
        assertTrue(PinHash.matches(stored, "2468"));
        assertFalse(PinHash.matches(stored, "2469"));
        assertFalse(PinHash.matches(stored, "246"));
        assertFalse(PinHash.matches(stored, stored), "typing the hash is not the PIN");
        assertFalse(PinHash.matches(stored, null));
        assertNotEquals(stored, PinHash.hash("2468".toCharArray(), new SecureRandom()), "salted");
    }

    @Test
    void givenPlainPinOrNothing_thenPlainComparison_andNothingMatchesNoStoredPin() {
        assertTrue(PinHash.matches("1234", "1234"));
        assertFalse(PinHash.matches("1234", "12345"));
        assertFalse(PinHash.matches(null, "1234"));
        assertFalse(PinHash.isHash("pbkdf2-sha256$12$abc$def"));
        assertFalse(PinHash.isPin("12a4"));
    }
}
