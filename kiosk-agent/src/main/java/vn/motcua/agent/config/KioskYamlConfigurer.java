package vn.motcua.agent.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import vn.motcua.device.KioskConfig;
import vn.motcua.device.KioskConfigException;
import vn.motcua.device.KioskConfigLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When KIOSK_CONFIG (or -Dkiosk.config-file) names a kiosk.yaml, its identity, broker, port, data folder and time zone
 * override the environment: what firmware-config validated is what runs. System properties still win, for tests.
 */
@ContextConfigurer
public class KioskYamlConfigurer implements ApplicationContextConfigurer {
    /** Between the environment variables (-200) and the system properties (-100). */
    static final int PRIORITY = -150;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        String file = System.getProperty("kiosk.config-file", System.getenv("KIOSK_CONFIG"));
        if (file == null || file.isBlank()) {
            return;
        }
        KioskConfig config = KioskConfigLoader.load(Path.of(file));
        builder.propertySources(PropertySource.of("kiosk.yaml", properties(config, file), PRIORITY));
    }

    static Map<String, Object> properties(KioskConfig config, String source) {
        Map<String, Object> p = new HashMap<>();
        p.put("kiosk.config-file", source);
        p.put("kiosk.site-id", config.identity().siteId());
        p.put("kiosk.kiosk-id", config.identity().kioskId());
        p.put("kiosk.time-zone", config.timeZone());
        p.put("kiosk.data-dir", config.agent().dataDir());
        p.put("micronaut.server.port", config.agent().httpPort());
        p.put("mqtt.url", config.broker().url());
        if (config.broker().username() != null) {
            p.put("mqtt.username", config.broker().username());
        }
        if (config.broker().passwordFile() != null) {
            Path passwordFile = Path.of(config.broker().passwordFile());
            try {
                p.put("mqtt.password", Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new KioskConfigException(source, List.of("broker.passwordFile: cannot read " + passwordFile
                        + " (" + e.getClass().getSimpleName() + ")"));
            }
        }
        hardware(config, p);
        return p;
    }

    /**
     * A kiosk.yaml describes a real kiosk: its GPIO peripherals are on (each reads its pin from the file's
     * {@code gpio.*} itself, see gpio.Wiring), and the printer is opened under the stable name the rendered udev rule
     * gives it, as a USB printer device or a serial line.
     */
    private static void hardware(KioskConfig config, Map<String, Object> p) {
        p.put("agent.gpio.enabled", true);
        KioskConfig.Printer printer = config.printer();
        if (printer.port().startsWith("/dev/usb/lp")) {
            p.put("agent.printer.kind", "device");
            p.put("agent.printer.device", KioskConfig.Printer.STABLE_PATH);
        } else {
            p.put("agent.printer.kind", "serial");
            p.put("agent.printer.serial-port", KioskConfig.Printer.STABLE_PATH);
            p.put("agent.printer.baud-rate", printer.baud());
        }
        p.put("agent.printer.paper-width-mm", printer.paperWidthMm());
    }
}
