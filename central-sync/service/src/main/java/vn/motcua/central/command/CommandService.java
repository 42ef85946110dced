package vn.motcua.central.command;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.web.Principal;
import vn.motcua.central.kiosklink.KioskDownlink;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.KioskState;
import vn.motcua.central.web.Forbidden;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.sign.Signatures;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/** Issues signed commands to kiosks and keeps their audit. */
@Singleton
public class CommandService {
    /** In the order the kiosk page offers them. */
    public static final List<String> TYPES = List.of("print_test_ticket", "show_notice", "clear_notice",
            "reload_config", "restart_app");
    /** How long a notice shows when no time is given, and the longest a kiosk accepts. */
    private static final int NOTICE_MINUTES_DEFAULT = 60;
    private static final int NOTICE_MINUTES_MAX = 1440;
    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    private static final int NOTICE_MAX = 500;

    private final EventStore store;
    private final CommandStore commands;
    private final CommandSigner signer;
    private final KioskDownlink downlink;
    private final CommandConfig config;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Clock clock;

    public CommandService(EventStore store, CommandStore commands, CommandSigner signer, KioskDownlink downlink,
                          CommandConfig config, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.commands = commands;
        this.signer = signer;
        this.downlink = downlink;
        this.config = config;
    }

    /** Signs and sends a command to one kiosk, the pair of site and kiosk id; the audit keeps both. */
    public CommandRecord issue(Principal who, KioskKey target, String type, Map<String, String> args) {
        if (!who.role().canSendCommands()) {
            throw new Forbidden("role " + who.role().wireName() + " may not send commands");
        }
        if (type == null || !TYPES.contains(type)) {
            throw new BadParameterException("type", "must be one of " + String.join(", ", TYPES));
        }
        Map<String, String> clean = args == null ? Map.of() : args;
        if (type.equals("show_notice")) {
            String text = clean.get("text");
            if (text == null || text.isBlank() || text.length() > NOTICE_MAX) {
                throw new BadParameterException("args.text", "a notice needs 1-" + NOTICE_MAX + " characters of text");
            }
            String minutes = clean.getOrDefault("minutes", "").strip();
            int showFor = NOTICE_MINUTES_DEFAULT;
            if (!minutes.isEmpty()) {
                try {
                    showFor = Integer.parseInt(minutes);
                } catch (NumberFormatException e) {
                    showFor = 0;
                }
                if (showFor < 1 || showFor > NOTICE_MINUTES_MAX) {
                    throw new BadParameterException("args.minutes", "a notice shows for 1-" + NOTICE_MINUTES_MAX
                            + " minutes");
                }
            }
            clean = Map.of("text", text.strip(), "minutes", String.valueOf(showFor));
        } else {
            clean = Map.of();
        }
        KioskState kiosk = store.kiosks().stream().filter(k -> k.key().equals(target)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no kiosk " + target));
        OffsetDateTime issuedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime expiresAt = issuedAt.plus(config.ttl());
        Command unsigned = new Command(UUID.randomUUID().toString(), type, clean, issuedAt, expiresAt, "");
        String sig = signer.sign(Signatures.commandBytes(kiosk.siteId(), kiosk.kioskId(), unsigned));
        Command command = new Command(unsigned.id(), type, clean, issuedAt, expiresAt, sig);
        CommandRecord record = new CommandRecord(command.id(), kiosk.kioskId(), kiosk.siteId(), type,
                new String(codec.encode(clean), StandardCharsets.UTF_8), who.username(),
                issuedAt.toInstant().toEpochMilli(), expiresAt.toInstant().toEpochMilli(), null, null, 0,
                CommandRecord.PENDING);
        commands.insert(record);
        if (!downlink.sendCommand(new KioskKey(kiosk.siteId(), kiosk.kioskId()), codec.encode(command))) {
            commands.recordResult(kiosk.siteId(), kiosk.kioskId(), command.id(), false, "not sent: central is not "
                    + "connected to the broker", clock.millis());
            LOG.warn("command {} {} to kiosk {}: not sent, no broker connection", command.id(), type, target);
            return commands.find(command.id()).orElse(record);
        }
        LOG.info("command {} {} sent to kiosk {} by {}", command.id(), type, target, who.username());
        return record;
    }
}
