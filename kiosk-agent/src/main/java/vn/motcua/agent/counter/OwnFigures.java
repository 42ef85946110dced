package vn.motcua.agent.counter;

import jakarta.inject.Singleton;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.queue.ServiceDay;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.message.SiteConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A signed-in officer's own figures of today, from the kiosk's own database, so the console shows them with the
 * network down: tickets served and no-shows, the median wait of the tickets they called (from the issue to the
 * call) and the median time they served, and their ratings with the share satisfied by the site's setting. Never a
 * rating's level: ratings count up to the start of the current hour, and the share shows only past
 * {@link OwnFiguresSettings#minRatings()} of them.
 */
@Singleton
public class OwnFigures {
    /** The levels satisfied when the site's configuration says nothing, as central's report counts them. */
    static final Set<String> SATISFIED_BY_DEFAULT = Set.of("very_satisfied", "satisfied");

    private final Database db;
    private final ServiceDay serviceDay;
    private final SiteConfigStore site;
    private final OwnFiguresSettings settings;
    private final Clock clock;
    private final ZoneId zone;

    public OwnFigures(Database db, ServiceDay serviceDay, SiteConfigStore site, OwnFiguresSettings settings,
                      Clock clock, KioskSettings kiosk) {
        this.db = db;
        this.serviceDay = serviceDay;
        this.site = site;
        this.settings = settings;
        this.clock = clock;
        this.zone = kiosk.zone();
    }

    /**
     * The figures; seconds are null when there is nothing to measure, {@code satisfiedShare} (0..1) is null below
     * the minimum of ratings. {@code ratingsUntil}: the local time (HH:mm) up to which ratings are counted.
     */
    public record Today(String day, long served, long noShows, Double medianWaitSeconds, Double medianServiceSeconds,
                        long ratings, Double satisfiedShare, String ratingsUntil, int minRatings) {
    }

    public Today of(CounterSession s) {
        ZonedDateTime hour = clock.instant().atZone(zone).truncatedTo(ChronoUnit.HOURS);
        Set<String> satisfied = satisfiedLevels();
        return db.transaction(c -> {
            LocalDate day = serviceDay.current(c);
            long served = 0;
            long noShows = 0;
            List<Long> waits = new ArrayList<>();
            List<Long> services = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT status, issued_at, called_at, service_seconds "
                    + "FROM ticket WHERE service_day = ? AND officer_id = ? AND called_at IS NOT NULL")) {
                ps.setString(1, day.toString());
                ps.setString(2, s.officerId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String status = rs.getString(1);
                        if (status.equals("served")) {
                            served++;
                            long seconds = rs.getLong(4);
                            if (!rs.wasNull()) {
                                services.add(seconds);
                            }
                        } else if (status.equals("no_show")) {
                            noShows++;
                        }
                        Long wait = secondsBetween(rs.getString(2), rs.getString(3));
                        if (wait != null) {
                            waits.add(wait);
                        }
                    }
                }
            }
            long ratings = 0;
            long satisfiedRatings = 0;
            for (String level : ratingLevels(c, s.officerId(), day, hour.toOffsetDateTime())) {
                ratings++;
                if (satisfied.contains(level)) {
                    satisfiedRatings++;
                }
            }
            Double share = ratings >= settings.minRatings() ? (double) satisfiedRatings / ratings : null;
            return new Today(day.toString(), served, noShows, median(waits), median(services), ratings, share,
                    hour.toLocalTime().toString(), settings.minRatings());
        });
    }

    /** The levels of the officer's ratings of {@code day} given before {@code until}. */
    private List<String> ratingLevels(Connection c, String officer, LocalDate day, OffsetDateTime until)
            throws SQLException {
        List<String> levels = new ArrayList<>();
        // submitted_at carries the kiosk's offset; a day's ratings start with its date, give or take a zone change
        try (PreparedStatement ps = c.prepareStatement("SELECT level, submitted_at FROM rating WHERE officer_id = ? "
                + "AND submitted_at >= ?")) {
            ps.setString(1, officer);
            ps.setString(2, day.minusDays(1).toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime at = parse(rs.getString(2));
                    if (at != null && at.isBefore(until) && at.atZoneSameInstant(zone).toLocalDate().equals(day)) {
                        levels.add(rs.getString(1));
                    }
                }
            }
        }
        return levels;
    }

    private Set<String> satisfiedLevels() {
        SiteConfig.Satisfaction rules = site.current().satisfaction();
        return rules == null ? SATISFIED_BY_DEFAULT
                : rules.satisfied().stream().map(RatingLevel::wireName).collect(Collectors.toSet());
    }

    private static Long secondsBetween(String from, String to) {
        OffsetDateTime a = parse(from);
        OffsetDateTime b = parse(to);
        if (a == null || b == null) {
            return null;
        }
        // a clock stepped back between issue and call: no wait to measure
        long seconds = Duration.between(a, b).toSeconds();
        return seconds < 0 ? null : seconds;
    }

    private static OffsetDateTime parse(String at) {
        try {
            return at == null ? null : OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The median, the mean of the middle two for an even count, as central's report takes it; null for none. */
    static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
