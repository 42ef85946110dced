package vn.motcua.app.procedures;

import javafx.scene.control.ButtonBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;
import vn.motcua.app.support.QrDecode;
import vn.motcua.screen.Site;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each procedure's page, opened from the catalogue list: the QR code read back from a snapshot of the whole scene,
 * by ZXing and by zbarimg, is exactly the catalogue's portal link.
 */
class ProcedureQrTest {
    private static AgentProcess agent;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new AgentProcess("qr").start();
    }

    @AfterAll
    static void stopAgent() throws Exception {
        agent.close();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1024,600", "1080,1920"})
    void givenEveryProcedure_whenPageShown_thenSceneQrDecodesToExactCatalogueLink(int width, int height)
            throws Exception {
        try (KioskHarness k = KioskHarness.open(KioskHarness.testConfig(agent.url()), width, height)) {
            k.waitShowing("#homeScreen");
            k.waitGone("#busyCover");
            List<Site.Procedure> catalogue = KioskHarness.call(() -> k.kiosk().state().site().get().procedures());
            assertEquals(10, catalogue.size(), "the demo site carries the ten real procedures");
            for (int i = 0; i < catalogue.size(); i++) {
                KioskHarness.run(k.kiosk().navigator()::home);
                fire(k, "#tileProcedures");
                fire(k, "#procedure-" + i);
                k.waitShowing("#procedureQr");
                assertEquals(catalogue.get(i).nameVi(), k.text("#procedureTitle"));
                String link = catalogue.get(i).portalUrl();
                assertEquals(link, k.text("#portalLink"));

                KioskHarness.Qr qr = k.settledQr();
                assertEquals(link, qr.text(), "ZXing, procedure " + i);
                assertEquals(link, QrDecode.zbarimg(qr.scene(), Path.of("target", "qr",
                        "procedure-" + i + "-" + width + "x" + height + ".png")), "zbarimg, procedure " + i);
            }
        }
    }

    private static void fire(KioskHarness k, String query) {
        k.waitShowing(query);
        KioskHarness.run(() -> ((ButtonBase) k.find(query).orElseThrow()).fire());
    }
}
