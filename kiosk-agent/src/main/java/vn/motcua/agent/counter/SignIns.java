package vn.motcua.agent.counter;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.CounterSettings;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.web.ApiException;
import vn.motcua.device.PinHash;
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.CounterSignedOut;
import vn.motcua.protocol.event.SignOutReason;
import vn.motcua.protocol.message.SiteConfig;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Officer sign-in with a PIN, one officer per counter. Sessions live in memory: an agent restart signs everyone out,
 * which is the safe direction.
 *
 * <p>Wrong PINs are throttled so that guessing is hopeless and yet nobody on the LAN can lock an officer out
 * ({@link SignInSettings}): each source address backs off exponentially on its own wrong PINs, so a stranger slows
 * only themselves; and once an officer's PIN has been got wrong too often in a day, from anywhere, the officer can
 * still sign in from the addresses they used before (their counter PC) while every other address is refused, and the
 * agent logs an alert. There is deliberately no lockout to lift: a lockout is exactly what a stranger could keep
 * triggering. The limits are in memory; an agent restart clears them together with the sessions.
 *
 * <p>Every sign-in and sign-out is an outbox event ({@code counter.signed_in}, {@code counter.signed_out}) appended
 * in the transaction during which the session changes, so central's time signed in follows the sessions exactly. A
 * sign-in that ends another session (the same counter, or the same officer elsewhere) first signs that one out as
 * {@code replaced}. Sessions do not time out; an agent restart ends them without an event.
 */
@Singleton
public class SignIns {
    private static final Logger LOG = LoggerFactory.getLogger(SignIns.class);
    /** Addresses with recent wrong PINs kept at most; beyond it the stalest are forgotten first. */
    private static final int MAX_TRACKED_ADDRESSES = 4096;
    private static final int RECOMMENDED_PIN_DIGITS = 6;

    private final SignInSettings limits;
    private final SiteConfigStore site;
    private final Clock clock;
    private final Map<String, String> pins;
    private final Database db;
    private final Outbox outbox;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CounterSession> byToken = new ConcurrentHashMap<>();
    /** Guarded by this; in order of the last wrong PIN, stalest first. */
    private final LinkedHashMap<InetAddress, AddressFailures> byAddress = new LinkedHashMap<>();
    /** Guarded by this. */
    private final Map<String, OfficerGuard> byOfficer = new HashMap<>();
    /** Guarded by this: officers already warned about a short PIN. */
    private final Set<String> shortPinWarned = new HashSet<>();

    /** Wrong PINs from one address, and for which officers, so a typo corrected by its own officer is forgiven. */
    private static final class AddressFailures {
        int count;
        Instant last;
        final Set<String> officers = new HashSet<>();
    }

    private static final class OfficerGuard {
        final Deque<Instant> failures = new ArrayDeque<>();
        /** Most recent last. */
        final LinkedHashSet<InetAddress> known = new LinkedHashSet<>();
        boolean alerted;
    }

    public SignIns(CounterSettings settings, SignInSettings limits, SiteConfigStore site, Clock clock, Database db,
                   Outbox outbox, KioskSettings kiosk) {
        this.limits = limits;
        this.site = site;
        this.clock = clock;
        this.pins = settings.pinsByOfficer();
        this.db = db;
        this.outbox = outbox;
        this.zone = kiosk.zone();
    }

    public synchronized CounterSession signIn(String officerId, String pin, String counterId, InetAddress from) {
        SiteConfig config = site.current();
        SiteConfig.Counter counter = config.counters().stream().filter(c -> c.id().equals(counterId)).findFirst()
                .orElseThrow(() -> ApiException.invalid("counter", "Không có quầy '" + counterId + "' trong cấu hình."));
        SiteConfig.Officer officer = config.officers().stream().filter(o -> o.id().equals(officerId)).findFirst()
                .orElseThrow(() -> ApiException.invalid("officerId", "Không có cán bộ '" + officerId + "' trong cấu hình."));
        Instant now = clock.instant();
        checkAddress(from, now);
        OfficerGuard guard = byOfficer.computeIfAbsent(officerId, k -> new OfficerGuard());
        checkOfficer(guard, officerId, from, now);
        if (!PinHash.matches(pins.get(officerId), pin)) {
            failed(guard, officerId, counterId, from, now);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "wrong_pin", "pin", "Mã PIN không đúng.");
        }
        succeeded(guard, officerId, from);
        if (PinHash.isPin(pin) && pin.length() < RECOMMENDED_PIN_DIGITS && shortPinWarned.add(officerId)) {
            LOG.warn("officer {} signs in with a {}-digit PIN; give them one of at least {} digits "
                    + "(firmware-config hash-pin)", officerId, pin.length(), RECOMMENDED_PIN_DIGITS);
        }
        List<CounterSession> replaced = byToken.values().stream()
                .filter(s -> s.counter().equals(counterId) || s.officerId().equals(officerId)).toList();
        String token = HexFormat.of().formatHex(bytes(24));
        CounterSession session = new CounterSession(token, officer.id(), officer.name(), counter.id(), counter.nameVi(), now);
        OffsetDateTime at = at(now);
        db.transaction(c -> {
            for (CounterSession old : replaced) {
                outbox.append(c, new CounterSignedOut(old.counter(), old.officerId(), SignOutReason.REPLACED), at);
            }
            outbox.append(c, new CounterSignedIn(counter.id(), officer.id()), at);
            // the sessions change only once both events are in: a refused event leaves them as they were
            replaced.forEach(old -> byToken.remove(old.token()));
            byToken.put(token, session);
            return null;
        });
        replaced.forEach(old -> LOG.info("counter {}: officer {} signed out, replaced by officer {} at counter {}",
                old.counter(), old.officerId(), officerId, counterId));
        LOG.info("counter {}: officer {} signed in from {}", counterId, officerId, from.getHostAddress());
        return session;
    }

    private void checkAddress(InetAddress from, Instant now) {
        AddressFailures f = byAddress.get(from);
        if (f == null) {
            return;
        }
        if (!now.isBefore(f.last.plus(limits.failureMemory()))) {
            byAddress.remove(from);
            return;
        }
        Instant next = f.last.plus(backoff(f.count));
        if (now.isBefore(next)) {
            Duration wait = Duration.between(now, next);
            throw new TryLater(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "pin",
                    "Nhập sai mã PIN nhiều lần từ máy này. Vui lòng thử lại sau " + humanWait(wait) + ".", wait);
        }
    }

    /** The wait after the {@code count}-th wrong PIN from one address. */
    Duration backoff(int count) {
        int doublings = count - limits.freeFailures();
        if (doublings < 0) {
            return Duration.ZERO;
        }
        Duration max = limits.backoffMax();
        Duration wait = limits.backoffStart();
        for (int i = 0; i < doublings && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private void checkOfficer(OfficerGuard guard, String officerId, InetAddress from, Instant now) {
        Instant since = now.minus(limits.officerWindow());
        while (!guard.failures.isEmpty() && !guard.failures.peekFirst().isAfter(since)) {
            guard.failures.pollFirst();
        }
        if (guard.failures.size() < limits.officerFailures()) {
            guard.alerted = false;
            return;
        }
        if (guard.known.contains(from)) {
            return;
        }
        Duration wait = Duration.between(now, guard.failures.peekFirst().plus(limits.officerWindow()));
        throw new TryLater(HttpStatus.TOO_MANY_REQUESTS, "sign_in_restricted", "officerId",
                "Mã PIN của cán bộ này đã bị nhập sai quá nhiều lần; tạm thời chỉ đăng nhập được từ máy quầy cán bộ đã "
                        + "dùng trước đây. Vui lòng dùng máy đó hoặc báo quản trị kiosk.", wait);
    }

    private void failed(OfficerGuard guard, String officerId, String counterId, InetAddress from, Instant now) {
        AddressFailures f = byAddress.remove(from);
        if (f == null) {
            f = new AddressFailures();
        }
        byAddress.put(from, f);
        f.count++;
        f.last = now;
        if (f.officers.size() < 64) {
            f.officers.add(officerId);
        }
        forgetStaleAddresses(now);
        guard.failures.addLast(now);
        while (guard.failures.size() > limits.officerFailures()) {
            guard.failures.pollFirst();
        }
        LOG.warn("counter {}: wrong PIN for officer {} from {} ({} from this address; {} for this officer in {})",
                counterId, officerId, from.getHostAddress(), f.count, guard.failures.size(), limits.officerWindow());
        if (guard.failures.size() >= limits.officerFailures() && !guard.alerted) {
            guard.alerted = true;
            LOG.error("ALERT counter sign-in: officer {} got {} wrong PINs within {} — someone on the LAN may be "
                    + "guessing; until they age out, {} signs in only from addresses used before ({})", officerId,
                    guard.failures.size(), limits.officerWindow(), officerId, guard.known.size());
        }
    }

    private void succeeded(OfficerGuard guard, String officerId, InetAddress from) {
        guard.known.remove(from);
        guard.known.add(from);
        Iterator<InetAddress> oldest = guard.known.iterator();
        while (guard.known.size() > limits.knownAddresses()) {
            oldest.next();
            oldest.remove();
        }
        AddressFailures f = byAddress.get(from);
        if (f != null && f.officers.equals(Set.of(officerId))) {
            byAddress.remove(from);
        }
    }

    private void forgetStaleAddresses(Instant now) {
        Iterator<Map.Entry<InetAddress, AddressFailures>> stalest = byAddress.entrySet().iterator();
        while (stalest.hasNext()) {
            Map.Entry<InetAddress, AddressFailures> e = stalest.next();
            boolean stale = !now.isBefore(e.getValue().last.plus(limits.failureMemory()));
            if (!stale && byAddress.size() <= MAX_TRACKED_ADDRESSES) {
                break;
            }
            stalest.remove();
        }
    }

    private static String humanWait(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 120) {
            return seconds + " giây";
        }
        return ((seconds + 59) / 60) + " phút";
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

    /** The counters someone is signed in at, sorted, each once. */
    public java.util.List<String> signedInCounters() {
        return byToken.values().stream().map(CounterSession::counter).distinct().sorted().toList();
    }

    /** Ends the session of this token, if it has one, as the officer's own sign-out. */
    public synchronized void signOut(String token) {
        CounterSession session = token == null ? null : byToken.get(token);
        if (session == null) {
            return;
        }
        db.transaction(c -> {
            outbox.append(c, new CounterSignedOut(session.counter(), session.officerId(), SignOutReason.OFFICER),
                    at(clock.instant()));
            byToken.remove(token);
            return null;
        });
        LOG.info("counter {}: officer {} signed out", session.counter(), session.officerId());
    }

    private OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), zone);
    }
}
