package vn.motcua.central.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.broker.MosquittoPassword;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The kiosks' broker logins, from the same Mosquitto password file that {@code firmware-config provision} writes
 * ({@code SITE.KIOSK:$7$…} per line, one provisioned kiosk's lines appended after another's). Read again when the
 * file changes, so a kiosk provisioned while central runs can log in without a restart.
 */
final class KioskLogins {
    private static final Logger LOG = LoggerFactory.getLogger(KioskLogins.class);

    private final Path file;
    private Map<BrokerLogin, String> hashes = Map.of();
    private Object version;

    KioskLogins(Path file) {
        this.file = file;
        refresh();
    }

    /** Whether {@code password} is this kiosk's; false for a kiosk the file does not list. */
    boolean check(BrokerLogin kiosk, ByteBuffer password) {
        String hash = current().get(kiosk);
        if (hash == null) {
            return false;
        }
        char[] chars;
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(password.duplicate());
            chars = new char[decoded.remaining()];
            decoded.get(chars);
        } catch (CharacterCodingException e) {
            return false;
        }
        try {
            return MosquittoPassword.matches(chars, hash);
        } finally {
            MosquittoPassword.wipe(chars);
        }
    }

    synchronized int count() {
        return hashes.size();
    }

    private synchronized Map<BrokerLogin, String> current() {
        refresh();
        return hashes;
    }

    private synchronized void refresh() {
        Object seen;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            seen = List.of(a.lastModifiedTime(), a.size(), Objects.requireNonNullElse(a.fileKey(), ""));
        } catch (NoSuchFileException e) {
            seen = "missing";
        } catch (IOException e) {
            LOG.warn("kiosk logins {}: cannot read ({}); keeping the {} logins read before", file, e, hashes.size());
            return;
        }
        if (seen.equals(version)) {
            return;
        }
        version = seen;
        if ("missing".equals(seen)) {
            hashes = Map.of();
            LOG.warn("kiosk logins {}: no such file, so no kiosk can log in to the embedded broker; create it with "
                    + "firmware-config provision --out (its broker/mosquitto.passwd) or set MQTT_KIOSK_PASSWORD_FILE",
                    file);
            return;
        }
        try {
            hashes = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            LOG.info("kiosk logins {}: {} kiosks", file, hashes.size());
        } catch (IOException e) {
            LOG.warn("kiosk logins {}: cannot read ({}); keeping the {} logins read before", file, e, hashes.size());
        }
    }

    private Map<BrokerLogin, String> parse(List<String> lines) {
        Map<BrokerLogin, String> parsed = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String user = colon < 0 ? line : line.substring(0, colon);
            String hash = colon < 0 ? "" : line.substring(colon + 1);
            var kiosk = BrokerLogin.parse(user);
            if (kiosk.isEmpty()) {
                LOG.warn("kiosk logins {}:{}: '{}' is not a kiosk login SITE.KIOSK; line ignored", file, i + 1, user);
            } else if (!MosquittoPassword.isSupported(hash)) {
                LOG.warn("kiosk logins {}:{}: {} has no $7$ hash (mosquitto_passwd 2.x or firmware-config provision "
                        + "writes one); line ignored", file, i + 1, user);
            } else if (parsed.put(kiosk.get(), hash) != null) {
                LOG.warn("kiosk logins {}:{}: {} is listed again; the later line counts", file, i + 1, user);
            }
        }
        return Map.copyOf(parsed);
    }
}
