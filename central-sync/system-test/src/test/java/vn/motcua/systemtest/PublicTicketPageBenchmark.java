package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * From a counter's "call next" to the phone page showing the call: the kiosk's event goes through the broker to
 * central, its rollup, and the page's live stream. Prints p50/p95 over 20 calls and the page's weight; asserts
 * nothing about time.
 */
class PublicTicketPageBenchmark {
    private static final int CALLS = 20;
    private PublicTicketWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void callToPhoneLatency(TestInfo test) throws Exception {
        world = new PublicTicketWorld(RunFolder.of(test), "1000");
        world.publishConfig(world.central.api(""), 3);
        WebDriver phone = world.phone();
        long[] samples = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            JsonNode ticket = world.issue();
            phone.get(ticket.get("statusUrl").asText());
            new WebDriverWait(phone, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(200))
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(d -> {
                        d.navigate().refresh();
                        return !d.findElements(By.id("ahead")).isEmpty();
                    });
            // the live stream is open once its first event (what the page already shows) has arrived
            new WebDriverWait(phone, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(20))
                    .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-connected")));
            long start = System.nanoTime();
            if (!world.counter.act("call-next").ok()) {
                throw new IllegalStateException("call-next refused");
            }
            new WebDriverWait(phone, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(20))
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(d -> !d.findElements(By.id("called")).isEmpty());
            samples[i] = System.nanoTime() - start;
            world.counter.act("finish");
        }
        long[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("BENCH public page, call next -> phone shows called (%d calls): %s; p50=%.0f ms p95=%.0f ms%n",
                CALLS, new Percentiles(samples).summary(), sorted[(int) Math.ceil(0.50 * CALLS) - 1] / 1e6,
                sorted[(int) Math.ceil(0.95 * CALLS) - 1] / 1e6);
        HttpClient client = HttpClient.newHttpClient();
        long bytes = 0;
        for (String path : new String[]{phone.getCurrentUrl(), world.central.api("/static/ticket.css"),
                world.central.api("/static/ticket.js")}) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            bytes += r.body().length;
        }
        System.out.println("BENCH public page weight (HTML + CSS + JS, uncompressed): " + bytes + " bytes");
    }
}
