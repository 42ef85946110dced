package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The citizen's ticket page on central, on a phone-sized headless Chromium: a ticket taken at a real agent, called
 * and served from the counter console, followed live without a reload; the printed QR leads to central's page when
 * the site has a public address and to the agent's LAN page when not. Screenshots go to
 * central-sync/target/screenshots/public-*.png.
 */
class PublicTicketPageSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private PublicTicketWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private void waitFor(WebDriver browser, String what, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(100)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition);
    }

    /**
     * Reads the element's text in one script call: the live page replaces its parts as updates arrive, so a
     * reference found first and read later may already be gone.
     */
    private static String text(WebDriver b, String id) {
        Object shown = ((JavascriptExecutor) b).executeScript(
                "const e = document.getElementById(arguments[0]); return e === null ? null : e.innerText;", id);
        if (shown == null) {
            throw new org.openqa.selenium.NoSuchElementException("no element with id " + id);
        }
        return shown.toString();
    }

    @Test
    void givenTicketOnAgent_whenCalledAndServedAtCounter_thenPhonePageFollowsLive_andQrLeadsThere(TestInfo test)
            throws Exception {
        world = new PublicTicketWorld(RunFolder.of(test), "200");

        // no public address yet: the QR is the agent's LAN page
        JsonNode lanTicket = world.issue();
        String lanUrl = world.printedQr(lanTicket);
        assertTrue(lanUrl.matches("http://[^/]+:\\d+/t/" + lanTicket.get("ticketId").asText()), lanUrl);
        assertEquals(lanTicket.get("statusUrl").asText(), lanUrl);
        assertTrue(world.counter.act("call-next").ok());
        assertTrue(world.counter.act("finish").ok());

        String base = world.central.api("");
        world.publishConfig(base + "/", 1);
        JsonNode first = world.issue();
        JsonNode mine = world.issue();
        String url = base + "/t/" + mine.get("ticketId").asText();
        assertEquals(url, mine.get("statusUrl").asText(), "the slash at the end of the address is dropped");
        assertEquals(url, world.printedQr(mine), "the printed QR opens central's public page");

        WebDriver phone = world.phone();
        phone.get(url);
        // the page is loaded once: a reload would lose this mark
        waitFor(phone, "ticket page with one person ahead", d -> {
            d.navigate().refresh();
            return text(d, "number").equals(mine.get("display").asText()) && text(d, "ahead").endsWith(": 1");
        });
        ((JavascriptExecutor) phone).executeScript("window.loadedOnce = true;");
        waitFor(phone, "estimated wait in minutes", d -> text(d, "wait").contains("phút"));
        world.shot("public-01-waiting-vi");

        assertTrue(world.counter.act("call-next").ok(), "calls " + first.get("display").asText());
        waitFor(phone, "no one ahead, alert near", d -> text(d, "ahead").endsWith(": 0")
                && !d.findElements(By.id("near")).isEmpty());
        world.shot("public-02-near-vi");
        assertTrue(world.counter.act("finish").ok());

        assertTrue(world.counter.act("call-next").ok(), "calls " + mine.get("display").asText());
        waitFor(phone, "called to counter 2", d -> text(d, "called").contains("quầy 2"));
        world.shot("public-03-called-vi");
        assertTrue(world.counter.act("finish").ok());
        waitFor(phone, "served", d -> !d.findElements(By.id("served")).isEmpty());
        world.shot("public-04-served-vi");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) phone).executeScript("return window.loadedOnce === true;"),
                "the page followed every step without a reload");

        phone.get(url + "?lang=en");
        waitFor(phone, "English served page", d -> text(d, "served").contains("Thank you"));
        world.shot("public-05-served-en");
        JsonNode next = world.issue();
        world.issue();
        JsonNode third = world.issue();
        phone.get(third.get("statusUrl").asText());
        // the language chosen by the link is remembered; the page shows once central has the ticket
        waitFor(phone, "English waiting page", d -> {
            d.navigate().refresh();
            return text(d, "ahead").equals("People waiting ahead of you: 2");
        });
        world.shot("public-06-waiting-en");
        assertTrue(next.get("statusUrl").asText().startsWith(base));

        phone.get(base + "/t/" + UUID.randomUUID() + "?lang=vi");
        waitFor(phone, "not found page", d -> "Không tìm thấy phiếu".equals(text(d, "message-title")));
        world.shot("public-07-not-found-vi");
    }
}
