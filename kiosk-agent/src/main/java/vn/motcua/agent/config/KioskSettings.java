package vn.motcua.agent.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who this kiosk is and where it keeps its data. Environment: KIOSK_SITE_ID, KIOSK_ID, KIOSK_TIME_ZONE, AGENT_DB;
 * or KIOSK_CONFIG pointing at kiosk.yaml (see {@link KioskYamlConfigurer}).
 *
 * @param dbFile            the SQLite file; blank means {@code <dataDir>/agent-<kioskId>.db}
 * @param clockSyncedMarker a file that exists once the system clock has been synchronised (systemd-timesyncd)
 * @param version           reported in the status message; blank means the jar's version
 */
@ConfigurationProperties("kiosk")
public record KioskSettings(
        @Bindable(defaultValue = "demo-site") String siteId,
        @Bindable(defaultValue = "kiosk-01") String kioskId,
        @Bindable(defaultValue = "Asia/Ho_Chi_Minh") String timeZone,
        @Bindable(defaultValue = "./data") String dataDir,
        @Nullable String dbFile,
        @Bindable(defaultValue = "/run/systemd/timesync/synchronized") String clockSyncedMarker,
        @Nullable String version) {

    /* Same rule as vn.motcua.protocol.Topics.isValidId; repeated here to name the offending key at start-up. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public KioskSettings {
        List<String> errors = new ArrayList<>();
        if (siteId == null || !ID.matcher(siteId).matches()) {
            errors.add("kiosk.site-id (KIOSK_SITE_ID) '" + siteId + "' must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        if (kioskId == null || !ID.matcher(kioskId).matches()) {
            errors.add("kiosk.kiosk-id (KIOSK_ID) '" + kioskId + "' must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            errors.add("kiosk.time-zone (KIOSK_TIME_ZONE) '" + timeZone + "' is not a time zone id, e.g. Asia/Ho_Chi_Minh");
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
        dbFile = dbFile == null || dbFile.isBlank() ? null : dbFile;
        version = version == null || version.isBlank() ? null : version;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Path databasePath() {
        return dbFile != null ? Path.of(dbFile) : Path.of(dataDir, "agent-" + kioskId + ".db");
    }
}
