package vn.motcua.agent.remote;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.support.CentralKeys;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.SiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The site configuration version a kiosk has applied survives a restart of the agent: the configuration itself runs
 * again, and an older signed configuration (a replay of an earlier retained message) is refused.
 */
class SignedConfigRestartTest {
    private static final String SITE = "site-config";

    private final CentralKeys central = new CentralKeys();
    private final ProtocolCodec codec = new ProtocolCodec();

    private SiteConfig bundled() throws IOException {
        try (InputStream in = SiteConfigStore.class.getResourceAsStream(SiteConfigStore.BUNDLED_SAMPLE)) {
            return codec.decodeSiteConfig(in.readAllBytes());
        }
    }

    @Test
    void givenNewerConfigApplied_whenAgentRestartsAndAnOlderSignedConfigArrives_thenItIsRefused() throws Exception {
        Map<String, Object> properties = Map.of("kiosk.db-file", TempDb.newFile("config-restart"),
                "kiosk.site-id", SITE, "agent.sync.enabled", false,
                "agent.remote.public-key-file", central.writePublicKey(CentralKeys.tempFolder("config-keys")));
        SiteConfig base = bundled();
        byte[] v20 = central.config(SITE, base, base.version() + 12, "Phiên bản hai mươi");
        byte[] v21 = central.config(SITE, base, base.version() + 13, "Phiên bản hai mốt");
        byte[] other21 = central.config(SITE, base, base.version() + 13, "Cùng số phiên bản, nội dung khác");

        try (ApplicationContext agent = ApplicationContext.run(properties, "test")) {
            SignedConfigs configs = agent.getBean(SignedConfigs.class);
            assertTrue(configs.accept(v20));
            assertTrue(configs.accept(v21));
        }

        try (ApplicationContext restarted = ApplicationContext.run(properties, "test")) {
            SignedConfigs configs = restarted.getBean(SignedConfigs.class);
            SiteConfigStore store = restarted.getBean(SiteConfigStore.class);
            assertEquals(base.version() + 13, store.current().version(), "the applied version runs after a restart");
            assertEquals("Phiên bản hai mốt", store.current().siteName());

            assertFalse(configs.accept(v20), "an older signed configuration is a replay");
            assertFalse(configs.accept(other21), "other content under an applied version");
            assertFalse(configs.accept(v21), "the running configuration again changes nothing");
            assertEquals(SiteConfigStore.Outcome.RUNNING, store.apply(v21));
            assertEquals(SiteConfigStore.Outcome.OLDER, store.apply(v20));
            assertEquals("Phiên bản hai mốt", store.current().siteName());
        }
    }
}
