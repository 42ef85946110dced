package vn.motcua.app.screens;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.util.WaitForAsyncUtils;
import vn.motcua.app.procedures.ProcedureScreen;
import vn.motcua.app.rating.Level;
import vn.motcua.app.rating.RatingModel;
import vn.motcua.app.rating.RatingScreen;
import vn.motcua.app.shell.Lang;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.staff.StaffScreen;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;
import vn.motcua.app.ticket.TicketScreen;
import vn.motcua.screen.PrinterInfo;
import vn.motcua.screen.Site;
import vn.motcua.screen.TicketView;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PNG of every screen, in Vietnamese and English, landscape 1024×600 and portrait 1080×1920, written to
 * {@code target/screenshots/} for people to look at.
 */
class ScreenshotTest {
    private static AgentProcess agent;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new AgentProcess("screenshots").start();
    }

    @AfterAll
    static void stopAgent() throws Exception {
        agent.close();
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @CsvSource({"VI,1024,600", "EN,1024,600", "VI,1080,1920", "EN,1080,1920"})
    void everyScreen(Lang lang, int width, int height) throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        String suffix = (width > height ? "landscape" : "portrait") + "-" + lang.name().toLowerCase();
        List<Path> written = new ArrayList<>();
        try (KioskHarness k = KioskHarness.open(KioskHarness.testConfig(agent.url()), width, height)) {
            k.waitShowing("#homeScreen");
            k.waitGone("#busyCover");
            KioskHarness.run(() -> k.kiosk().state().lang().set(lang));
            var nav = k.kiosk().navigator();
            Shot shot = name -> written.add(snap(k, dir.resolve(name + "-" + suffix + ".png")));

            shot.take("01-home");
            fire(k, "#guideButton");
            shot.take("01b-home-guide-on");
            fire(k, "#tileProcedures");
            shot.take("02-procedures");
            fire(k, "#field-1");
            shot.take("03-procedures-field");
            fire(k, "#keyboardToggle");
            KioskHarness.run(() -> ((TextField) k.find("#searchField").orElseThrow()).setText("van bang"));
            shot.take("04-procedures-search-keyboard");
            KioskHarness.run(() -> {
                Site site = k.kiosk().state().site().get();
                ((ProcedureScreen) nav.screen(ScreenId.PROCEDURE)).open(site.procedures().get(9));
                nav.go(ScreenId.PROCEDURE);
            });
            shot.take("05-procedure-qr");

            KioskHarness.run(nav::home);
            fire(k, "#tileTicket");
            fire(k, "#priority-child");
            shot.take("06-ticket-choose");
            fire(k, "#service-C");
            k.waitShowing("#ticketNumber");
            shot.take("07-ticket-confirmation");
            KioskHarness.run(() -> {
                TicketScreen t = (TicketScreen) nav.screen(ScreenId.TICKET);
                TicketView issued = t.model().ticket();
                t.model().issued(new TicketView(issued.ticketId(), issued.service(), issued.number(), issued.display(),
                        issued.priority(), issued.issuedAt(), issued.peopleAhead(), false, "paper_out",
                        "http://192.168.1.20:8081/t/" + issued.ticketId()));
                nav.go(ScreenId.TICKET);
            });
            shot.take("08-ticket-paper-out-qr");

            KioskHarness.run(nav::home);
            fire(k, "#tileRating");
            shot.take("09-rating-identify");
            fire(k, "#pickCounter");
            fire(k, "#counter-2");
            fire(k, "#officer-cb-le-thu-ha");
            shot.take("10-rating-pick-counter-officer");
            fire(k, "#pickContinue");
            shot.take("11-rating-levels");
            fire(k, "#level-very_dissatisfied");
            fire(k, "#reason-long_wait");
            shot.take("12-rating-reasons");
            RatingScreen rating = (RatingScreen) nav.screen(ScreenId.RATING);
            KioskHarness.run(() -> {
                rating.model().step(RatingModel.Step.THANKS);
                nav.go(ScreenId.RATING);
            });
            shot.take("13-rating-thanks");
            KioskHarness.run(() -> {
                rating.model().ticket("x", "A012", "1", null, null);
                rating.model().step(RatingModel.Step.ALREADY_RATED);
                nav.go(ScreenId.RATING);
            });
            shot.take("14-rating-already-rated");
            KioskHarness.run(() -> {
                rating.model().reset();
                rating.model().message("rating.notFound");
                nav.go(ScreenId.RATING);
            });
            shot.take("15-rating-not-found");

            KioskHarness.run(nav::home);
            fire(k, "#staffCorner");
            fire(k, "#pin-2");
            shot.take("16-staff-pin");
            for (String d : new String[]{"5", "8", "0"}) {
                fire(k, "#pin-" + d);
            }
            fire(k, "#pin-ok");
            k.waitShowing("#staffBroker");
            shot.take("17-staff-status");

            KioskHarness.run(() -> {
                nav.home();
                k.kiosk().state().largeText().set(true);
            });
            shot.take("18-home-large-text");
            KioskHarness.run(() -> {
                k.kiosk().state().largeText().set(false);
                k.kiosk().state().agentReachable().set(false);
            });
            shot.take("19-busy");
            KioskHarness.run(() -> k.kiosk().state().agentReachable().set(true));
        }
        assertEquals(20, written.size());
        for (Path p : written) {
            assertTrue(Files.size(p) > 5_000, p + " looks empty");
        }
    }

    @FunctionalInterface
    private interface Shot {
        void take(String name) throws Exception;
    }

    private static void fire(KioskHarness k, String query) {
        k.waitShowing(query);
        KioskHarness.run(() -> ((ButtonBase) k.find(query).orElseThrow()).fire());
    }

    private static Path snap(KioskHarness k, Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = KioskHarness.call(() -> k.stage().getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
        return file;
    }
}
