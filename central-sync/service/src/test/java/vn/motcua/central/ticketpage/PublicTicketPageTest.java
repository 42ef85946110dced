package vn.motcua.central.ticketpage;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Flux;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.report.TicketProgressRollup;
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public ticket page against the running service: no sign-in, live updates, 404 for no ticket, 429 for a flood. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicTicketPageTest implements TestPropertyProvider {
    private static final int BURST = 40;
    private final String ticketId = UUID.randomUUID().toString();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    @Client("/")
    SseClient sse;

    @Inject
    EventStore store;

    @Inject
    TicketProgressRollup rollup;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-public-page-test", "admin", "public page admin pw");
        p.put("central.public-page.burst", Integer.toString(BURST));
        p.put("central.public-page.requests-per-minute", "1");
        p.put("central.public-page.poll-every", "100ms");
        return p;
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.toBlocking().exchange(HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE), String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) e.getResponse();
            return r;
        }
    }

    private static String body(HttpResponse<String> r) {
        return r.getBody(String.class).orElse("");
    }

    private void storeEvents(long firstSeq, vn.motcua.protocol.event.EventBody... bodies) {
        List<KioskEvent> events = new java.util.ArrayList<>();
        long seq = firstSeq;
        for (var b : bodies) {
            events.add(new KioskEvent(seq++, UUID.randomUUID(), EventType.of(b), OffsetDateTime.now(), true, "boot-1",
                    seq * 1000, b));
        }
        store.storeBatch("site-pub", EventBatch.of("kiosk-pub", events));
        while (rollup.runOnce() > 0) {
            // until caught up
        }
    }

    @Test
    @Order(1)
    void givenIssuedTicket_whenOpenedWithoutSignIn_thenPageInVietnameseThenEnglish_andCallArrivesLive() {
        storeEvents(1, new TicketIssued(UUID.randomUUID().toString(), "A", 1, "A001", null),
                new TicketIssued(ticketId, "A", 2, "A002", null));
        HttpResponse<String> vi = get("/t/" + ticketId);
        assertEquals(HttpStatus.OK, vi.getStatus());
        String page = body(vi);
        assertTrue(page.contains("A002"), page);
        assertTrue(page.contains("Số người đang chờ trước bạn: 1"), page);
        assertTrue(page.contains("/static/ticket.js"), page);
        String en = body(get("/t/" + ticketId + "?lang=en"));
        assertTrue(en.contains("People waiting ahead of you: 1"), en);

        Flux<Event<PublicTicketController.Update>> live = Flux.from(sse.eventStream(
                HttpRequest.GET("/t/" + ticketId + "/live?lang=vi"), PublicTicketController.Update.class));
        List<Event<PublicTicketController.Update>> got = live
                .doOnNext(e -> {
                    if ("waiting".equals(e.getData().state())) {
                        storeEvents(3, new TicketCalled(ticketId, "3", "o1"));
                    }
                })
                .takeUntil(e -> "called".equals(e.getData().state()))
                .collectList().block(Duration.ofSeconds(20));
        PublicTicketController.Update last = got.get(got.size() - 1).getData();
        assertEquals("called", last.state());
        assertTrue(last.html().contains("mời đến quầy 3"), last.html());

        long weight = page.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + body(get("/static/ticket.css")).getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + body(get("/static/ticket.js")).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.println("public ticket page weight (page + CSS + JS, uncompressed): " + weight + " bytes");
    }

    @Test
    @Order(2)
    void givenUnknownOrMalformedId_whenOpened_thenPlain404Page_andConsoleStaysProtected() {
        for (String path : List.of("/t/" + UUID.randomUUID(), "/t/not-a-ticket", "/t/" + ticketId + "x")) {
            HttpResponse<String> r = get(path);
            assertEquals(HttpStatus.NOT_FOUND, r.getStatus(), path);
            assertTrue(body(r).contains("Không tìm thấy phiếu"), path + ": " + body(r));
            assertTrue(body(r).contains("/static/ticket.css"), "the public page's look");
        }
        assertTrue(body(get("/fleet")).contains("id=\"sign-in\""), "the console still needs a session");
        assertFalse(body(get("/t/" + ticketId)).contains("fleet"));
    }

    @Test
    @Order(3)
    void givenFloodFromOneAddress_whenRequested_thenThrottledWith429Page() {
        int tooMany = 0;
        for (int i = 0; i < BURST + 10; i++) {
            HttpResponse<String> r = get("/t/" + ticketId);
            if (r.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                tooMany++;
                assertTrue(body(r).contains("Quá nhiều yêu cầu"), body(r));
            }
        }
        assertTrue(tooMany >= 10, "at least the requests beyond the burst are refused, was " + tooMany);
    }
}
