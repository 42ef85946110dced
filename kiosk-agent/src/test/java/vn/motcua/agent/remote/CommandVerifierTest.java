package vn.motcua.agent.remote;

import org.junit.jupiter.api.Test;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.sign.Signatures;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandVerifierTest {
    private static final String SITE = "site-1";
    private static final String KIOSK = "kiosk-01";
    private static final Instant NOW = Instant.parse("2026-03-02T03:00:00Z");

    private final KeyPair central = pair();
    private final KeyPair attacker = pair();
    private final CommandVerifier verifier = new CommandVerifier(central.getPublic(), SITE, KIOSK,
            Duration.ofMinutes(2), Duration.ofHours(24));
    private final Set<String> seen = new HashSet<>();

    private static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Command command(KeyPair by, String site, String kiosk, String id, Instant issued, Duration ttl,
                            Map<String, String> args) {
        OffsetDateTime at = issued.atOffset(ZoneOffset.UTC);
        Command unsigned = new Command(id, "show_notice", args, at, at.plus(ttl), "");
        String sig = Signatures.sign(by.getPrivate(), Signatures.commandBytes(site, kiosk, unsigned));
        return new Command(id, "show_notice", args, at, at.plus(ttl), sig);
    }

    private String reject(Command c) {
        return verifier.rejection(c, NOW, seen::contains).orElse("accepted");
    }

    @Test
    void givenCommandSignedByCentralForThisKiosk_whenVerified_thenAccepted() {
        assertEquals("accepted", reject(command(central, SITE, KIOSK, "c1", NOW, Duration.ofMinutes(5),
                Map.of("text", "Xin chào"))));
    }

    @Test
    void givenForgedSignature_whenVerified_thenRejectedForBadSignature() {
        assertEquals("rejected: bad signature", reject(command(attacker, SITE, KIOSK, "c2", NOW,
                Duration.ofMinutes(5), Map.of("text", "x"))));
    }

    @Test
    void givenSignedCommandWithTamperedArgs_whenVerified_thenRejectedForBadSignature() {
        Command good = command(central, SITE, KIOSK, "c3", NOW, Duration.ofMinutes(5), Map.of("text", "a"));
        Command tampered = new Command(good.id(), good.type(), Map.of("text", "b"), good.issuedAt(), good.expiresAt(),
                good.sig());
        assertEquals("rejected: bad signature", reject(tampered));
        Command retyped = new Command(good.id(), "restart_app", good.args(), good.issuedAt(), good.expiresAt(),
                good.sig());
        assertEquals("rejected: bad signature", reject(retyped));
    }

    @Test
    void givenCommandSignedForAnotherKiosk_whenVerified_thenRejected() {
        assertEquals("rejected: bad signature", reject(command(central, SITE, "kiosk-02", "c4", NOW,
                Duration.ofMinutes(5), Map.of())));
    }

    @Test
    void givenExpiredCommand_whenVerified_thenRejectedAsExpired() {
        String reason = reject(command(central, SITE, KIOSK, "c5", NOW.minus(Duration.ofMinutes(10)),
                Duration.ofMinutes(5), Map.of()));
        assertTrue(reason.startsWith("rejected: expired"), reason);
    }

    @Test
    void givenCommandFromTheFuture_whenVerified_thenRejected() {
        String reason = reject(command(central, SITE, KIOSK, "c6", NOW.plus(Duration.ofHours(1)),
                Duration.ofMinutes(5), Map.of()));
        assertTrue(reason.contains("future"), reason);
    }

    @Test
    void givenReplayedId_whenVerified_thenRejectedAsReplay() {
        Command c = command(central, SITE, KIOSK, "c7", NOW, Duration.ofMinutes(5), Map.of());
        assertEquals("accepted", reject(c));
        seen.add(c.id());
        assertEquals("rejected: replayed command id c7", reject(c));
    }

    @Test
    void givenNoPublicKey_whenVerified_thenEverythingRejected() {
        CommandVerifier none = new CommandVerifier(null, SITE, KIOSK, Duration.ofMinutes(2), Duration.ofHours(24));
        String reason = none.rejection(command(central, SITE, KIOSK, "c8", NOW, Duration.ofMinutes(5), Map.of()),
                NOW, id -> false).orElse("accepted");
        assertTrue(reason.contains("no command-signing public key"), reason);
    }
}
