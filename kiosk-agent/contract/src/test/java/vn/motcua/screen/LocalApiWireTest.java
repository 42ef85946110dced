package vn.motcua.screen;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.SiteConfig;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local API's requests and answers in their JSON form. */
class LocalApiWireTest {
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void givenTheScreensRequests_whenWritten_thenTheFieldsTheAgentParses() throws Exception {
        assertEquals("{\"service\":\"A\",\"priority\":null}", json.writeValueAsString(new TicketRequest("A", null)));
        assertEquals("{\"ticketId\":\"t-1\",\"counter\":null,\"officerId\":null,\"procedureCode\":null,"
                        + "\"level\":\"satisfied\",\"scale\":5,\"reasons\":[],\"comment\":null}",
                json.writeValueAsString(new RatingRequest("t-1", null, null, null, "satisfied", 5, null, null)));
        assertEquals("{\"procedureCode\":\"1.0001\",\"title\":\"Xác minh văn bằng\",\"portalUrl\":\"https://x/1\","
                        + "\"documents\":[\"Đơn\"]}",
                json.writeValueAsString(new GuideRequest("1.0001", "Xác minh văn bằng", "https://x/1",
                        List.of("Đơn"))));
    }

    @Test
    void givenTheAgentsAnswers_whenWrittenAndRead_thenFieldsInTheirOrderAndBackUnchanged() throws Exception {
        TicketView ticket = new TicketView("t-1", "A", 12, "A012", null, "2026-11-30T08:00:00+07:00", 2, false,
                "paper_out", "http://lan/t/t-1", 9);
        String ticketJson = "{\"ticketId\":\"t-1\",\"service\":\"A\",\"number\":12,\"display\":\"A012\","
                + "\"priority\":null,\"issuedAt\":\"2026-11-30T08:00:00+07:00\",\"peopleAhead\":2,\"printed\":false,"
                + "\"printProblem\":\"paper_out\",\"statusUrl\":\"http://lan/t/t-1\",\"estimatedWaitMinutes\":9}";
        assertEquals(ticketJson, json.writeValueAsString(ticket));
        assertEquals(ticket, json.readValue(ticketJson, TicketView.class));

        AgentStatus status = new AgentStatus("site-1", "kiosk-01", Map.of("A", 3), 4, 10, 6, 0,
                new AgentStatus.Broker("tcp://127.0.0.1:1883", true), new PrinterInfo("ready", null, "x"));
        String statusJson = "{\"siteId\":\"site-1\",\"kioskId\":\"kiosk-01\",\"queues\":{\"A\":3},"
                + "\"outboxBacklog\":4,\"lastSeq\":10,\"lastAckSeq\":6,\"acksRefused\":0,"
                + "\"broker\":{\"url\":\"tcp://127.0.0.1:1883\",\"connected\":true},"
                + "\"printer\":{\"status\":\"ready\",\"detail\":null,\"since\":\"x\"}}";
        assertEquals(statusJson, json.writeValueAsString(status));
        assertEquals(status, json.readValue(statusJson, AgentStatus.class));

        TicketStatus where = new TicketStatus("t-1", "A012", "A", "elderly", "called", "1", "Quầy 1", "o-1", "An",
                false, 0, null, "2026-11-30T08:00:00+07:00", "2026-11-30T08:10:00+07:00", true);
        assertEquals(where, json.readValue(json.writeValueAsString(where), TicketStatus.class));

        RatingView rating = new RatingView("r-1", "t-1", "1", "o-1", null, "satisfied", 5, List.of(), null,
                "2026-11-30T08:20:00+07:00");
        assertEquals(rating, json.readValue(json.writeValueAsString(rating), RatingView.class));
    }

    @Test
    void givenTheConfigMessageTheAgentServesAsSite_whenRead_thenTheScreenSeesEveryPartOfIt() throws Exception {
        byte[] fixture;
        try (InputStream in = getClass().getResourceAsStream("/site-config.json")) {
            fixture = in.readAllBytes();
        }
        ProtocolCodec codec = new ProtocolCodec();
        SiteConfig config = codec.decodeSiteConfig(fixture);
        Site site = json.readValue(codec.encode(config), Site.class);

        assertEquals(config.version(), site.version());
        assertEquals(config.siteName(), site.siteName());
        assertEquals(config.ratingScale(), site.ratingScale());
        assertEquals(config.notices(), site.notices());
        assertEquals(config.services().stream().map(s -> List.of(s.prefix(), s.nameVi(), s.nameEn())).toList(),
                site.services().stream().map(s -> List.of(s.prefix(), s.nameVi(), s.nameEn())).toList());
        assertEquals(config.counters().stream().map(c -> List.of(c.id(), c.nameVi(), c.services())).toList(),
                site.counters().stream().map(c -> List.of(c.id(), c.nameVi(), c.services())).toList());
        assertEquals(config.officers().stream().map(o -> java.util.Arrays.asList(o.id(), o.name(), o.photoUrl()))
                        .toList(),
                site.officers().stream().map(o -> java.util.Arrays.asList(o.id(), o.name(), o.photoUrl())).toList());
        assertEquals(config.procedures().size(), site.procedures().size());
        for (int i = 0; i < config.procedures().size(); i++) {
            SiteConfig.Procedure p = config.procedures().get(i);
            Site.Procedure q = site.procedures().get(i);
            assertEquals(java.util.Arrays.asList(p.code(), p.nameVi(), p.nameEn(), p.field(), p.level(),
                            p.fullyOnline(), p.fee(), p.timeLimit(), p.documents(), p.portalUrl(), p.service()),
                    java.util.Arrays.asList(q.code(), q.nameVi(), q.nameEn(), q.field(), q.level(), q.fullyOnline(),
                            q.fee(), q.timeLimit(), q.documents(), q.portalUrl(), q.service()));
        }
    }

    @Test
    void givenSitePriorityAgeOrNone_whenReadAsSite_thenItOrTheDefaultSixty() throws Exception {
        byte[] fixture;
        try (InputStream in = getClass().getResourceAsStream("/site-config.json")) {
            fixture = in.readAllBytes();
        }
        ProtocolCodec codec = new ProtocolCodec();
        SiteConfig config = codec.decodeSiteConfig(fixture);
        assertEquals(60, json.readValue(codec.encode(config), Site.class).priorityAge());
        SiteConfig withAge = new SiteConfig(config.version(), config.siteName(), config.services(), config.counters(),
                config.officers(), config.procedures(), config.ratingScale(), config.notices(), null).withPriorityAge(65);
        assertEquals(65, json.readValue(codec.encode(withAge), Site.class).priorityAge());
    }
}
