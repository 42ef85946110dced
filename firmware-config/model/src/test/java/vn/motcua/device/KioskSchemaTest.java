package vn.motcua.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published schema (kiosk.schema.json) says what the loader says, for editors and other tools. */
class KioskSchemaTest {
    private static final String SCHEMA = "/kiosk.schema.json";

    private static Schema schema() throws IOException {
        try (InputStream in = KioskSchemaTest.class.getResourceAsStream(SCHEMA)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    private static List<Error> validate(String resource) throws IOException, URISyntaxException {
        Path file = Path.of(KioskSchemaTest.class.getResource(resource).toURI());
        return schema().validate(Files.readString(file), InputFormat.YAML);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/kiosk-full.yaml", "/kiosk-valid.yaml"})
    void givenSampleTheLoaderAccepts_whenCheckedAgainstSchema_thenNoError(String sample) throws Exception {
        List<Error> errors = validate(sample);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-keys", "pin-not-on-board", "bad-url", "missing-password-file", "printer", "display",
            "app", "rating-buttons", "runtime"})
    void givenBrokenSample_whenCheckedAgainstSchema_thenSchemaRejectsItToo(String name) throws Exception {
        List<Error> errors = validate("/broken/" + name + ".yaml");
        assertFalse(errors.isEmpty(), name + " passed the schema");
    }

    @Test
    void givenSchema_whenItsKeysAreListed_thenTheyAreExactlyTheLoadersKeys() throws Exception {
        JsonNode schema;
        try (InputStream in = KioskSchemaTest.class.getResourceAsStream(SCHEMA)) {
            schema = new ObjectMapper().readTree(in);
        }
        JsonNode properties = schema.get("properties");
        assertEquals(KioskConfigLoader.ROOT_KEYS, names(properties));
        Map<String, List<String>> sections = Map.of("identity", KioskConfigLoader.IDENTITY_KEYS,
                "broker", KioskConfigLoader.BROKER_KEYS, "agent", KioskConfigLoader.AGENT_KEYS,
                "time", KioskConfigLoader.TIME_KEYS, "gpio", KioskConfigLoader.GPIO_KEYS,
                "printer", KioskConfigLoader.PRINTER_KEYS, "display", KioskConfigLoader.DISPLAY_KEYS,
                "app", KioskConfigLoader.APP_KEYS, "jvm", KioskConfigLoader.JVM_KEYS, "ui", KioskConfigLoader.UI_KEYS);
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            JsonNode node = properties.get(section.getKey());
            assertEquals(section.getValue(), names(node.get("properties")), section.getKey());
            assertFalse(node.get("additionalProperties").asBoolean(), section.getKey() + " must refuse unknown keys");
        }
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
