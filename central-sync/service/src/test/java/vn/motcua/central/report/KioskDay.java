package vn.motcua.central.report;

import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One kiosk's events at minutes past 08:00 of a day; the uptime follows the wall clock within the boot. */
final class KioskDay {
    final List<KioskEvent> list = new ArrayList<>();
    private String day;

    KioskDay(String day) {
        this.day = day;
    }

    KioskDay day(String next) {
        day = next;
        return this;
    }

    KioskDay at(int minute, EventBody body) {
        OffsetDateTime at = OffsetDateTime.parse(day + "T08:00:00+07:00").plusMinutes(minute);
        long uptime = Duration.between(OffsetDateTime.parse("2026-11-01T07:00:00+07:00"), at).toMillis();
        list.add(new KioskEvent(list.size() + 1, UUID.randomUUID(), EventType.of(body), at, true, "boot-1",
                uptime, body));
        return this;
    }
}
