package vn.motcua.agent.queue;

import jakarta.inject.Singleton;
import vn.motcua.agent.config.KioskSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The local day ticket numbers belong to. It never goes backwards on this kiosk: when the clock steps back (a wrong
 * time corrected by time synchronisation, a battery-less Raspberry Pi booting at an old time), tickets keep the
 * latest day already numbered, so there is no second A001 and call-next still sees every waiting ticket. The latest
 * day is read from the tickets themselves, so it survives restarts.
 */
@Singleton
public class ServiceDay {
    private final Clock clock;
    private final ZoneId zone;

    public ServiceDay(Clock clock, KioskSettings kiosk) {
        this.clock = clock;
        this.zone = kiosk.zone();
    }

    /** Today by the clock, or the latest day a ticket was numbered under if that is later. */
    public LocalDate current(Connection c) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        try (PreparedStatement ps = c.prepareStatement("SELECT max(service_day) FROM ticket");
             ResultSet rs = ps.executeQuery()) {
            String latest = rs.next() ? rs.getString(1) : null;
            if (latest == null) {
                return today;
            }
            LocalDate numbered = LocalDate.parse(latest);
            return numbered.isAfter(today) ? numbered : today;
        }
    }
}
