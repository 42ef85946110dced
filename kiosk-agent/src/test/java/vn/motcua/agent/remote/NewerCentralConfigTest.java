package vn.motcua.agent.remote;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.support.CentralKeys;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.SiteConfig;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A central updated before its kiosks sends configurations with fields this kiosk does not know yet: the kiosk
 * verifies the bytes central signed, applies what it knows, and still refuses anything changed after signing.
 */
class NewerCentralConfigTest {
    private static final String SITE = "site-newer-central";

    private final CentralKeys central = new CentralKeys();
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void givenConfigWithFieldsUnknownHere_whenApplied_thenKnownFieldsRun_andATamperedUnknownFieldIsRefused()
            throws Exception {
        Map<String, Object> properties = Map.of("kiosk.db-file", TempDb.newFile("newer-central"),
                "kiosk.site-id", SITE, "agent.sync.enabled", false,
                "agent.remote.public-key-file", central.writePublicKey(CentralKeys.tempFolder("newer-central-keys")));
        SiteConfig base;
        try (InputStream in = SiteConfigStore.class.getResourceAsStream(SiteConfigStore.BUNDLED_SAMPLE)) {
            base = codec.decodeSiteConfig(in.readAllBytes());
        }
        byte[] newer = central.configWithFieldsFromANewerCentral(SITE, base, base.version() + 1, "Cấu hình mới hơn",
                json -> {
                    json.putObject("waitTargets").put("A", 20);
                    ((com.fasterxml.jackson.databind.node.ObjectNode) json.withArray("services").get(0))
                            .put("colour", "#0b6e4f");
                });
        byte[] tampered = new String(central.configWithFieldsFromANewerCentral(SITE, base, base.version() + 2,
                "Sửa sau khi ký", json -> json.putObject("waitTargets").put("A", 20)), StandardCharsets.UTF_8)
                .replace("\"A\":20", "\"A\":90").getBytes(StandardCharsets.UTF_8);
        byte[] reSpaced = new String(central.config(SITE, base, base.version() + 3, "Cách dòng khác"),
                StandardCharsets.UTF_8).replace(",\"", ", \"").getBytes(StandardCharsets.UTF_8);

        try (ApplicationContext agent = ApplicationContext.run(properties, "test")) {
            SignedConfigs configs = agent.getBean(SignedConfigs.class);
            SiteConfigStore store = agent.getBean(SiteConfigStore.class);

            assertTrue(configs.accept(newer), "fields from a newer central are covered by its signature, not a reason to refuse");
            assertEquals("Cấu hình mới hơn", store.current().siteName());
            assertEquals(base.version() + 1, store.current().version());

            assertFalse(configs.accept(tampered), "a field unknown here is still covered by central's signature");
            assertEquals(base.version() + 1, store.current().version());

            assertTrue(configs.accept(reSpaced), "the same configuration with other spacing still verifies");
            assertEquals("Cách dòng khác", store.current().siteName());
        }
    }
}
