package vn.motcua.central.config;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.central.KioskProbe;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Role;
import vn.motcua.central.fleet.FleetMqttClient;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.protocol.message.Telemetry;
import vn.motcua.protocol.sign.Signatures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kiosks that missed a site configuration get the latest one, once per version and interval; real Mosquitto. */
class SiteConfigCatchUpTest {
    private static final String SITE = "site-catch-up";
    private static final Principal ADMIN = new Principal("quantri", Role.ADMIN, "csrf");
    private static final Path FIXTURE = Path.of("..", "protocol", "src", "test", "resources", "fixtures",
            "site-config.json");

    @TempDir
    Path dir;
    private Mosquitto broker;
    private ApplicationContext ctx;
    private KioskProbe kiosk;
    private final ProtocolCodec codec = new ProtocolCodec();

    private void start(String resendAfter) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("central.mqtt.url", broker.url());
        props.put("central.mqtt.reconnect-min-delay", "100ms");
        props.put("central.mqtt.reconnect-max-delay", "1s");
        props.put("central.instance-id", "catch-up-test");
        props.put("central.site-config.resend-after", resendAfter);
        props.put("central.commands.signing-key-file", dir.resolve("command-signing.key").toString());
        props.put("central.db.url", "jdbc:sqlite:" + dir.resolve("central.db"));
        ctx = ApplicationContext.run(props);
        await("fleet connection subscribed").atMost(Duration.ofSeconds(20))
                .until(ctx.getBean(FleetMqttClient.class)::isReady);
        kiosk = new KioskProbe(broker.url(), "probe-catch-up");
    }

    @BeforeEach
    void broker() {
        broker = new Mosquitto().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        if (ctx != null) {
            ctx.close();
        }
        broker.close();
    }

    private long publishConfig() throws Exception {
        SiteConfigService.Published p = ctx.getBean(SiteConfigService.class).publish(ADMIN, SITE,
                Files.readAllBytes(FIXTURE));
        assertEquals(0, p.kiosks(), "no kiosk of the site is known yet");
        return p.version();
    }

    private void telemetry(String kioskId, Long configVersion) throws Exception {
        kiosk.publish(Topics.of(SITE, kioskId, Topics.TELEMETRY), new Telemetry(OffsetDateTime.now(), 50.0, 0.2, 1L,
                2L, 30L, 100L, "ok", Map.of(), 0, 1L, configVersion), 1);
    }

    private List<KioskProbe.Received> configsTo(String kioskId) {
        String topic = Topics.of(SITE, kioskId, Topics.CONFIG);
        return kiosk.received().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Test
    void givenKioskThatAppearsAfterThePublish_whenItsTelemetryArrives_thenItGetsTheLatestSignedConfigRetained()
            throws Exception {
        start("1h");
        long version = publishConfig();
        String late = "kiosk-late-1";
        kiosk.subscribe(Topics.of(SITE, late, Topics.CONFIG));
        telemetry(late, 7L);
        await("latest configuration sent to the late kiosk").atMost(Duration.ofSeconds(20))
                .until(() -> !configsTo(late).isEmpty());
        SiteConfig got = codec.decodeSiteConfig(configsTo(late).get(0).payload());
        assertEquals(version, got.version());
        SiteConfig unsigned = new SiteConfig(got.version(), got.siteName(), got.services(), got.counters(),
                got.officers(), got.procedures(), got.ratingScale(), got.notices(), null).withPublicPage(got.publicBaseUrl(), got.alertAhead());
        assertTrue(Signatures.verify(Signatures.readPublicKey(dir.resolve("command-signing.pub")),
                Signatures.configBytes(SITE, unsigned, codec), got.sig()), "signed by central");

        // retained: a kiosk that subscribes only now still finds it
        try (KioskProbe rebooted = new KioskProbe(broker.url(), "probe-rebooted")) {
            rebooted.subscribe(Topics.of(SITE, late, Topics.CONFIG));
            await("retained configuration").atMost(Duration.ofSeconds(10)).until(() -> rebooted.received().stream()
                    .anyMatch(r -> r.retained() && codec.decodeSiteConfig(r.payload()).version() == version));
        }

        // a kiosk that runs the latest version is sent nothing
        String current = "kiosk-current-1";
        kiosk.subscribe(Topics.of(SITE, current, Topics.CONFIG));
        telemetry(current, version);
        await("nothing for a kiosk that is up to date").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> configsTo(current).isEmpty());
    }

    @Test
    void givenKioskThatKeepsReportingAnOldVersion_whenTelemetryRepeats_thenItIsSentOncePerInterval()
            throws Exception {
        start("3s");
        long version = publishConfig();
        String stubborn = "kiosk-refuses-1";
        kiosk.subscribe(Topics.of(SITE, stubborn, Topics.CONFIG));
        for (int i = 0; i < 5; i++) {
            telemetry(stubborn, version - 1);
        }
        await("sent once").atMost(Duration.ofSeconds(20)).until(() -> configsTo(stubborn).size() == 1);
        telemetry(stubborn, version - 1);
        await("not again within the interval").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> configsTo(stubborn).size() == 1);

        // after the interval, one more try
        await("sent again after the interval").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    telemetry(stubborn, version - 1);
                    return configsTo(stubborn).size() == 2;
                });
        telemetry(stubborn, version - 1);
        await("and not a third time at once").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> configsTo(stubborn).size() == 2);
    }
}
