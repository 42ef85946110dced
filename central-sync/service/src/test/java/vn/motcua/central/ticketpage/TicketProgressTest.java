package vn.motcua.central.ticketpage;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.report.BothDatabases;
import vn.motcua.central.report.ReportConfig;
import vn.motcua.central.report.TicketProgressRollup;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ticket's public status, kept from the ticket events by {@link TicketProgressRollup} and read by
 * {@link TicketProgressQuery}, on SQLite and PostgreSQL: people ahead, the call, the end, and stale figures.
 */
class TicketProgressTest {
    private static final OffsetDateTime T0 = OffsetDateTime.now(ZoneOffset.ofHours(7)).withHour(8).withMinute(0);
    private static final PublicPageConfig CONFIG = new PublicPageConfig(Duration.ofMillis(500), Duration.ofMinutes(10),
            Duration.ofMinutes(2), 60, 20, 300);
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_ticketpage");
    private EventStore store;
    private Database database;
    private final List<KioskEvent> events = new ArrayList<>();
    private long seq;
    private final String site = "site-p" + UUID.randomUUID().toString().substring(0, 8);

    private void add(int minute, EventBody body) {
        OffsetDateTime at = T0.plusMinutes(minute);
        events.add(new KioskEvent(++seq, UUID.randomUUID(), EventType.of(body), at, true, "boot-1",
                3_600_000L + minute * 60_000L, body));
    }

    private void store(TicketProgressRollup rollup) {
        store.storeBatch(site, EventBatch.of("kiosk-p", List.copyOf(events)));
        events.clear();
        while (rollup.runOnce() > 0) {
            // until caught up
        }
    }

    private void publishConfig(String json) {
        database.write("config", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_configs (site_id, version, body, "
                    + "published_by, published_at) VALUES (?, 1, ?, 'test', 0)")) {
                ps.setString(1, site);
                ps.setString(2, json);
                return ps.executeUpdate();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTicketsIssuedCalledServedMissed_whenRead_thenPeopleAheadCallAndEndFollow(String dialect)
            throws Exception {
        Database sql = database = databases.open(dialect);
        store = JdbcEventStore.on(database, Clock.systemUTC());
        publishConfig("""
                {"version":1,"siteName":"Một cửa","services":[{"prefix":"A","nameVi":"Văn bằng","nameEn":"Diplomas"},
                 {"prefix":"B","nameVi":"Công chứng","nameEn":null}],"counters":[{"id":"3","nameVi":"Quầy 3",
                 "services":["A"]}],"officers":[],"procedures":[],"ratingScale":5,"notices":[],"alertAhead":1}""");
        TicketProgressRollup rollup = new TicketProgressRollup(sql, new ReportConfig(Duration.ofSeconds(1), 3,
                Duration.ofMinutes(10)), Clock.systemUTC());
        TicketProgressQuery query = new TicketProgressQuery(sql, CONFIG, Clock.systemUTC());
        String a1 = UUID.randomUUID().toString(), a2 = UUID.randomUUID().toString(),
                a3 = UUID.randomUUID().toString(), b1 = UUID.randomUUID().toString();
        add(0, new TicketIssued(a1, "A", 1, "A001", null));
        add(1, new TicketIssued(b1, "B", 1, "B001", null));
        add(2, new TicketIssued(a2, "A", 2, "A002", null));
        add(3, new TicketIssued(a3, "A", 3, "A003", null));
        store(rollup);

        TicketStatus third = query.find(a3).orElseThrow();
        assertEquals("A003", third.display());
        assertEquals("Văn bằng", third.serviceVi());
        assertEquals("Diplomas", third.serviceEn());
        assertEquals("waiting", third.state());
        assertEquals(2, third.ahead(), "A001 and A002; B001 is another service");
        assertEquals(10, third.waitMinutes(), "two people × the default 300 s at one counter");
        assertEquals(false, third.near(), "alert distance 1 from the site's configuration");
        assertEquals(0, query.find(b1).orElseThrow().ahead());
        assertEquals("Công chứng", query.find(b1).orElseThrow().serviceEn(), "no English name: the Vietnamese one");

        add(5, new TicketCalled(a1, "3", "o1"));
        store(rollup);
        TicketStatus first = query.find(a1).orElseThrow();
        assertTrue(first.called());
        assertEquals("3", first.counter());
        assertEquals(1, query.find(a3).orElseThrow().ahead());
        assertTrue(query.find(a3).orElseThrow().near());

        add(9, new TicketServed(a1, "3", "o1", 240));
        add(10, new TicketCalled(a2, "3", "o1"));
        add(12, new TicketNoShow(a2, "3"));
        store(rollup);
        assertTrue(query.find(a1).orElseThrow().served());
        assertTrue(query.find(a2).orElseThrow().missed());
        assertEquals("3", query.find(a2).orElseThrow().counter());
        TicketStatus last = query.find(a3).orElseThrow();
        assertEquals(0, last.ahead());
        assertEquals(0, last.waitMinutes());
        assertNull(last.figuresAt(), "the kiosk was heard just now");

        assertTrue(query.find(UUID.randomUUID().toString()).isEmpty(), "an unknown id");
        assertTrue(query.find("../../etc/passwd").isEmpty(), "a malformed id");
        assertTrue(query.find(a3.toUpperCase()).isPresent(), "an id in capitals is the same ticket");

        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        TicketStatus stale = new TicketProgressQuery(sql, CONFIG, Clock.fixed(later, ZoneOffset.UTC)).find(a3)
                .orElseThrow();
        assertNotNull(stale.figuresAt(), "kiosk not heard for five minutes");
        assertTrue(stale.figuresAt().isBefore(later.minus(Duration.ofMinutes(2))));
    }
}
