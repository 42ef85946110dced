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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site's priority age for ID cards reaches the screen, signed; a configuration without one still applies. */
class SitePriorityAgeTest {
    private static final String SITE = "site-priority";

    private final CentralKeys central = new CentralKeys();
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void givenSignedConfigWithPriorityAge_whenApplied_thenServedToTheScreen_andATamperedAgeIsRefused()
            throws Exception {
        Map<String, Object> properties = Map.of("kiosk.db-file", TempDb.newFile("priority-age"),
                "kiosk.site-id", SITE, "agent.sync.enabled", false,
                "agent.remote.public-key-file", central.writePublicKey(CentralKeys.tempFolder("priority-keys")));
        SiteConfig base;
        try (InputStream in = SiteConfigStore.class.getResourceAsStream(SiteConfigStore.BUNDLED_SAMPLE)) {
            base = codec.decodeSiteConfig(in.readAllBytes());
        }
        assertNull(base.priorityAge(), "the bundled site sets none: the screen's default applies");
        byte[] without = central.config(SITE, base, base.version() + 1, "Không đặt tuổi");
        byte[] with65 = central.config(SITE, base, base.version() + 2, "Tuổi ưu tiên 65", 65);
        byte[] tampered = new String(central.config(SITE, base, base.version() + 3, "Sửa sau khi ký", 65),
                StandardCharsets.UTF_8).replace("\"priorityAge\":65", "\"priorityAge\":50")
                .getBytes(StandardCharsets.UTF_8);

        try (ApplicationContext agent = ApplicationContext.run(properties, "test")) {
            SignedConfigs configs = agent.getBean(SignedConfigs.class);
            SiteConfigStore store = agent.getBean(SiteConfigStore.class);
            assertTrue(configs.accept(without), "a configuration from before the field still verifies");
            assertNull(store.current().priorityAge());
            assertFalse(new String(codec.encode(store.current()), StandardCharsets.UTF_8).contains("priorityAge"));

            assertTrue(configs.accept(with65));
            assertEquals(65, store.current().priorityAge());
            assertTrue(new String(codec.encode(store.current()), StandardCharsets.UTF_8)
                    .contains("\"priorityAge\":65"), "what GET /api/site serves");

            assertFalse(configs.accept(tampered), "the age is covered by central's signature");
            assertEquals(65, store.current().priorityAge());
        }
    }
}
