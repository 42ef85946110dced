package vn.motcua.agent.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * kiosk.yaml's {@code gpio.ratingButtons} are the rating buttons the agent reads, the pins the boot config sets up;
 * with no counter named in the agent's settings, a press is an anonymous rating of the kiosk.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatingButtonsOfTheKioskTest implements TestPropertyProvider {
    @Inject
    Context pi4j;
    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        Path kioskYaml;
        try {
            kioskYaml = Files.createTempFile("kiosk", ".yaml");
            Files.writeString(kioskYaml, "identity: {siteId: demo-site, kioskId: kiosk-01}\n"
                    + "gpio: {ratingButtons: [20, 21, 12, 13, 16]}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kiosk.db-file", TempDb.newFile("rating-buttons"), "agent.gpio.enabled", "true",
                "kiosk.config-file", kioskYaml.toString());
    }

    private List<String[]> ratings() {
        return db.transaction(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ticket_id, counter, level, scale FROM rating");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            return out;
        });
    }

    @Test
    void givenFiveRatingButtonsInKioskYamlAndNoCounter_whenTheMiddleOneIsPressed_thenAnAnonymousNeutralRating() {
        MockDigitalInput neutral = pi4j.registry().get("rating-neutral", MockDigitalInput.class);
        assertEquals(12, neutral.address().intValue(), "gpio.ratingButtons[2]");
        assertEquals(20, pi4j.registry().get("rating-very_satisfied", Digital.class).address().intValue());

        neutral.mockState(DigitalState.HIGH);
        neutral.mockState(DigitalState.LOW);
        await().until(() -> ratings().size() == 1);
        String[] r = ratings().get(0);
        assertNull(r[0], "no ticket");
        assertNull(r[1], "no counter");
        assertEquals("neutral", r[2]);
        assertEquals("5", r[3]);
    }
}
