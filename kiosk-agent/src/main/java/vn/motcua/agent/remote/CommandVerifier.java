package vn.motcua.agent.remote;

import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.sign.Signatures;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Decides whether a command may run: signature for this kiosk, time window, not seen before. */
public final class CommandVerifier {
    private final PublicKey key;
    private final String siteId;
    private final String kioskId;
    private final Duration clockSkew;
    private final Duration maxLifetime;

    public CommandVerifier(PublicKey key, String siteId, String kioskId, Duration clockSkew, Duration maxLifetime) {
        this.key = key;
        this.siteId = siteId;
        this.kioskId = kioskId;
        this.clockSkew = clockSkew;
        this.maxLifetime = maxLifetime;
    }

    /** Empty when the command may run; otherwise why not, as sent back in {@code cmd/result}. */
    public Optional<String> rejection(Command c, Instant now, Predicate<String> seenBefore) {
        if (key == null) {
            return Optional.of("rejected: no command-signing public key is configured on this kiosk");
        }
        if (!Signatures.verify(key, Signatures.commandBytes(siteId, kioskId, c), c.sig())) {
            return Optional.of("rejected: bad signature");
        }
        Instant issued = c.issuedAt().toInstant();
        Instant expires = c.expiresAt().toInstant();
        if (!now.isBefore(expires)) {
            return Optional.of("rejected: expired at " + expires);
        }
        if (issued.isAfter(now.plus(clockSkew))) {
            return Optional.of("rejected: issued in the future (" + issued + ")");
        }
        if (Duration.between(issued, expires).compareTo(maxLifetime) > 0 || expires.isBefore(issued)) {
            return Optional.of("rejected: validity window longer than " + maxLifetime);
        }
        if (seenBefore.test(c.id())) {
            return Optional.of("rejected: replayed command id " + c.id());
        }
        return Optional.empty();
    }
}
