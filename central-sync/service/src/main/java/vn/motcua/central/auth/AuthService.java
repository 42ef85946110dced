package vn.motcua.central.auth;

import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Role;
import jakarta.inject.Singleton;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Users (bcrypt hashes), sessions (kept in the database, so any central instance serves any session), throttling. */
@Singleton
public class AuthService {
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    /** The longest user name there can be; a longer one is refused at the input, before anything is stored. */
    public static final int USERNAME_MAX = 64;
    /** bcrypt reads the first 72 bytes of a password; a longer one cannot be stored. */
    public static final int PASSWORD_MAX_BYTES = 72;
    private static final long PRUNE_EVERY_MILLIS = 60_000;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3," + USERNAME_MAX + "}");
    /** Compared against when the user does not exist, so a wrong name costs as much time as a wrong password. */
    private final String dummyHash;

    private final Database sql;
    private final AuthConfig config;
    private final Clock clock;
    private final BCryptPasswordEncoder encoder;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong nextPruneAt = new AtomicLong();

    public AuthService(Database sql, AuthConfig config, Clock clock) {
        this.sql = sql;
        this.config = config;
        this.clock = clock;
        this.encoder = new BCryptPasswordEncoder(config.bcryptStrength(), random);
        this.dummyHash = encoder.encode("not a password of anyone");
    }

    public record Session(String token, String csrf) {
    }

    public sealed interface SignIn {
        record Ok(Session session, Principal principal) implements SignIn {
        }

        record Refused() implements SignIn {
        }

        record Throttled(long retryAfterSeconds) implements SignIn {
        }
    }

    public static boolean validUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    public int userCount() {
        return sql.query("count users", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM users")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Creates or replaces the user. The caller has validated name, password length and role. */
    public void saveUser(String username, String password, Role role) {
        String hash = encoder.encode(password);
        sql.write("save user " + username, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,
                        role = excluded.role""")) {
                ps.setString(1, username);
                ps.setString(2, hash);
                ps.setString(3, role.wireName());
                ps.setLong(4, clock.millis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE username = ?")) {
                ps.setString(1, username);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public record UserView(String username, String role) {
    }

    public List<UserView> users() {
        return sql.query("list users", c -> {
            List<UserView> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT username, role FROM users ORDER BY username")) {
                while (rs.next()) {
                    out.add(new UserView(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    /**
     * Checks the password unless the name or the address has failed too often lately. A failure counts against both;
     * a success clears the name's count.
     * <p>
     * Each attempt takes one of the allowed failures before its password is checked, in a single statement per
     * subject that both counts and compares, so attempts made at once — on this instance or on another sharing the
     * database — cannot all pass a check made before any of them had failed. A success gives the address's back.
     */
    public SignIn signIn(String username, String password, String address) {
        long now = clock.millis();
        String userKey = userSubject(username);
        String addressKey = "addr:" + address;
        long retry = claimAttempt(userKey, now, config.maxFailures());
        if (retry > 0) {
            return new SignIn.Throttled(retry);
        }
        retry = claimAttempt(addressKey, now, config.maxAddressFailures());
        if (retry > 0) {
            giveBack(userKey);
            return new SignIn.Throttled(retry);
        }
        Optional<String[]> row = validUsername(username) ? findUser(username) : Optional.empty();
        String hash = row.map(r -> r[0]).orElse(dummyHash);
        boolean matches = password != null && encoder.matches(password, hash);
        if (!matches || row.isEmpty()) {
            return new SignIn.Refused();
        }
        Role role = Role.parse(row.get()[1]);
        String token = randomToken();
        String csrf = randomToken();
        sql.write("open session for " + username, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sign_in_failures WHERE subject = ?")) {
                ps.setString(1, userKey);
                ps.executeUpdate();
            }
            giveBack(c, addressKey);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE expires_at < ?")) {
                ps.setLong(1, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions (token_hash, username, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, sha256(token));
                ps.setString(2, username);
                ps.setString(3, csrf);
                ps.setLong(4, now);
                ps.setLong(5, now + config.sessionTtl().toMillis());
                ps.executeUpdate();
            }
            return null;
        });
        return new SignIn.Ok(new Session(token, csrf), new Principal(username, role, csrf));
    }

    /**
     * The throttle's key for a user name: a hash, so a row has the same small size whatever was typed, and a name
     * nobody has is not kept in the clear.
     */
    static String userSubject(String username) {
        return "user:" + sha256(username == null ? "" : username);
    }

    public Optional<Principal> session(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        long now = clock.millis();
        return sql.query("find session", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT s.username, u.role, s.csrf FROM sessions s JOIN users u ON u.username = s.username
                    WHERE s.token_hash = ? AND s.expires_at > ?""")) {
                ps.setString(1, sha256(token));
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Role role = Role.parse(rs.getString(2));
                    return role == null ? Optional.empty()
                            : Optional.of(new Principal(rs.getString(1), role, rs.getString(3)));
                }
            }
        });
    }

    public void signOut(String token) {
        if (token == null) {
            return;
        }
        sql.write("close session", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                ps.setString(1, sha256(token));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Constant-time comparison of the configured API token. */
    public boolean apiTokenMatches(String presented) {
        if (config.apiToken().isEmpty() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(config.apiToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<String[]> findUser(String username) {
        return sql.query("find user", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT password_hash, role FROM users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new String[]{rs.getString(1), rs.getString(2)}) : Optional.empty();
                }
            }
        });
    }

    /**
     * Counts one attempt against {@code subject} if it has fewer than {@code maxFailures} in its window (a window
     * that has passed starts again at this attempt), and drops rows whose window has passed. The upsert's
     * {@code WHERE} decides on the row as it is when the statement runs: PostgreSQL re-reads a row another
     * transaction just changed before applying it, SQLite runs one write at a time.
     *
     * @return 0 when the attempt may go on, else the seconds until the subject may try again
     */
    private long claimAttempt(String subject, long now, int maxFailures) {
        long windowStartedBefore = now - config.failureWindow().toMillis();
        pruneExpired(now);
        return sql.write("count sign-in attempt", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sign_in_failures (subject, failures, window_start) VALUES (?, 1, ?)
                    ON CONFLICT (subject) DO UPDATE SET
                        failures = CASE WHEN sign_in_failures.window_start < ? THEN 1
                                        ELSE sign_in_failures.failures + 1 END,
                        window_start = CASE WHEN sign_in_failures.window_start < ? THEN excluded.window_start
                                            ELSE sign_in_failures.window_start END
                    WHERE sign_in_failures.window_start < ? OR sign_in_failures.failures < ?""")) {
                ps.setString(1, subject);
                ps.setLong(2, now);
                ps.setLong(3, windowStartedBefore);
                ps.setLong(4, windowStartedBefore);
                ps.setLong(5, windowStartedBefore);
                ps.setInt(6, maxFailures);
                if (ps.executeUpdate() == 1) {
                    return 0L;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT window_start FROM sign_in_failures WHERE subject = ?")) {
                ps.setString(1, subject);
                try (ResultSet rs = ps.executeQuery()) {
                    long windowEnd = (rs.next() ? rs.getLong(1) : now) + config.failureWindow().toMillis();
                    return Math.max(1, (windowEnd - now + 999) / 1000);
                }
            }
        });
    }

    /**
     * Deletes the counts whose window has passed (they throttle nobody), so names tried once are not kept; at most
     * once a minute per instance. Its own transaction: two instances pruning at once must not hold up, or deadlock
     * with, the attempts themselves.
     */
    private void pruneExpired(long now) {
        long due = nextPruneAt.get();
        if (now < due || !nextPruneAt.compareAndSet(due, now + PRUNE_EVERY_MILLIS)) {
            return;
        }
        try {
            sql.write("prune sign-in failures", c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM sign_in_failures WHERE window_start < ?")) {
                    ps.setLong(1, now - config.failureWindow().toMillis());
                    return ps.executeUpdate();
                }
            });
        } catch (StoreException e) {
            LOG.debug("sign-in failures not pruned this time: {}", e.getMessage());
        }
    }

    /** Takes back an attempt counted by {@link #claimAttempt} that did not fail. */
    private void giveBack(String subject) {
        sql.write("give back sign-in attempt", c -> {
            giveBack(c, subject);
            return null;
        });
    }

    private static void giveBack(java.sql.Connection c, String subject) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sign_in_failures SET failures = failures - 1 WHERE subject = ? AND failures > 0")) {
            ps.setString(1, subject);
            ps.executeUpdate();
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
