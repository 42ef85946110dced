package vn.motcua.agent.counter;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.web.ApiException;
import vn.motcua.device.PinHash;
import vn.motcua.protocol.message.SiteConfig;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Officer sign-in with a PIN, one officer per counter. Wrong PINs are counted per officer; after
 * {@code agent.counter.pin-attempts} of them sign-in is refused for {@code pin-lockout}, so a four-digit PIN cannot be
 * guessed from the LAN. Sessions live in memory: an agent restart signs everyone out, which is the safe direction.
 */
@Singleton
public class SignIns {
    private static final Logger LOG = LoggerFactory.getLogger(SignIns.class);

    private final CounterSettings settings;
    private final SiteConfigStore site;
    private final Clock clock;
    private final Map<String, String> pins;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CounterSession> byToken = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant lockedUntil) {
    }

    public SignIns(CounterSettings settings, SiteConfigStore site, Clock clock) {
        this.settings = settings;
        this.site = site;
        this.clock = clock;
        this.pins = settings.pinsByOfficer();
    }

    public synchronized CounterSession signIn(String officerId, String pin, String counterId) {
        SiteConfig config = site.current();
        SiteConfig.Counter counter = config.counters().stream().filter(c -> c.id().equals(counterId)).findFirst()
                .orElseThrow(() -> ApiException.invalid("counter", "Không có quầy '" + counterId + "' trong cấu hình."));
        SiteConfig.Officer officer = config.officers().stream().filter(o -> o.id().equals(officerId)).findFirst()
                .orElseThrow(() -> ApiException.invalid("officerId", "Không có cán bộ '" + officerId + "' trong cấu hình."));
        Instant now = clock.instant();
        Failures f = failures.get(officerId);
        if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "pin",
                    "Nhập sai mã PIN quá nhiều lần. Vui lòng thử lại sau " + f.lockedUntil() + ".");
        }
        if (!PinHash.matches(pins.get(officerId), pin)) {
            int count = (f == null || f.lockedUntil() != null ? 0 : f.count()) + 1;
            boolean lock = count >= settings.pinAttempts();
            failures.put(officerId, new Failures(count, lock ? now.plus(settings.pinLockout()) : null));
            LOG.warn("counter {}: wrong PIN for officer {} ({} of {})", counterId, officerId, count, settings.pinAttempts());
            throw new ApiException(HttpStatus.UNAUTHORIZED, "wrong_pin", "pin", "Mã PIN không đúng.");
        }
        failures.remove(officerId);
        byToken.values().removeIf(s -> s.counter().equals(counterId) || s.officerId().equals(officerId));
        String token = HexFormat.of().formatHex(bytes(24));
        CounterSession session = new CounterSession(token, officer.id(), officer.name(), counter.id(), counter.nameVi(), now);
        byToken.put(token, session);
        LOG.info("counter {}: officer {} signed in", counterId, officerId);
        return session;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The session of this token, or a 401 that tells the console to sign in again. */
    public CounterSession require(String token) {
        return find(token).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "not_signed_in", "X-Counter-Token",
                "Quầy chưa đăng nhập hoặc phiên đã hết. Vui lòng đăng nhập lại."));
    }

    public Optional<CounterSession> find(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token));
    }

    public void signOut(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }
}
