package vn.motcua.agent.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.CentralPublicKey;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.config.RemoteSettings;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.printer.PrintOutcome;
import vn.motcua.agent.printer.PrinterMonitor;
import vn.motcua.agent.printer.TicketPrinter;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.stream.KioskScreens;
import vn.motcua.agent.sync.MqttTransport;
import vn.motcua.agent.telemetry.TelemetryPublisher;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.screen.RestartRequested;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Runs the signed commands central sends on {@code cmd} and answers each on {@code cmd/result}: refused with the
 * reason (bad signature, expired, replayed, unknown type, bad arguments), or done with what happened.
 */
@Context
public class RemoteCommands {
    /** A notice longer than this would not fit the kiosk's banner. */
    static final int NOTICE_MAX = 500;
    static final Duration NOTICE_DEFAULT = Duration.ofHours(1);
    static final Duration NOTICE_LONGEST = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCommands.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm dd/MM");

    private final MqttTransport transport;
    private final ProtocolCodec codec;
    private final SeenCommands seen;
    private final PrinterMonitor printer;
    private final SiteConfigStore siteConfig;
    private final KioskEventBus events;
    private final KioskScreens screens;
    private final TelemetryPublisher telemetry;
    private final CommandVerifier verifier;
    private final Clock clock;
    private final TicketPrinter ticketPrinter;
    private final ZoneId zone;

    public RemoteCommands(MqttTransport transport, ProtocolCodec codec, SeenCommands seen, PrinterMonitor printer,
                          SiteConfigStore siteConfig, KioskEventBus events, KioskScreens screens,
                          TelemetryPublisher telemetry, CentralPublicKey key, KioskSettings kiosk,
                          RemoteSettings settings, Clock clock, TicketPrinter ticketPrinter) {
        this.transport = transport;
        this.codec = codec;
        this.seen = seen;
        this.printer = printer;
        this.siteConfig = siteConfig;
        this.events = events;
        this.screens = screens;
        this.telemetry = telemetry;
        this.clock = clock;
        this.ticketPrinter = ticketPrinter;
        this.zone = kiosk.zone();
        this.verifier = new CommandVerifier(key.get(), kiosk.siteId(), kiosk.kioskId(), settings.clockSkew(),
                settings.maxLifetime());
    }

    @PostConstruct
    void register() {
        transport.onMessage(Topics.CMD, (suffix, payload) -> answer(handle(payload)));
    }

    /** Verifies and runs one command; public for tests that drive it without a broker. */
    public CommandResult handle(byte[] payload) {
        Command command;
        try {
            command = codec.decodeCommand(payload);
        } catch (ProtocolException e) {
            LOG.warn("command refused: unreadable ({})", e.getMessage());
            return new CommandResult(idOf(payload), false, "rejected: " + e.getMessage());
        }
        Instant now = clock.instant();
        Optional<String> rejection = verifier.rejection(command, now, id -> false);
        if (rejection.isEmpty() && !seen.remember(command.id(), command.expiresAt().toInstant())) {
            rejection = Optional.of("rejected: replayed command id " + command.id());
        }
        if (rejection.isPresent()) {
            LOG.warn("command {} {} {}", command.id(), command.type(), rejection.get());
            return new CommandResult(command.id(), false, rejection.get());
        }
        CommandResult result = run(command);
        LOG.info("command {} {}: {} ({})", command.id(), command.type(), result.ok() ? "done" : "refused",
                result.message());
        return result;
    }

    private CommandResult run(Command c) {
        return switch (c.type()) {
            case "print_test_ticket" -> printTest(c);
            case "show_notice" -> showNotice(c);
            case "clear_notice" -> {
                screens.clearNotice(clock.instant());
                yield new CommandResult(c.id(), true, "notice taken down");
            }
            case "reload_config" -> {
                telemetry.publishOnce();
                yield new CommandResult(c.id(), true, "running site configuration version "
                        + siteConfig.current().version() + "; newer versions are applied as they arrive");
            }
            case "restart_app" -> restartScreen(c);
            default -> new CommandResult(c.id(), false, "rejected: unknown command type " + c.type());
        };
    }

    private CommandResult printTest(Command c) {
        String when = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy").format(OffsetDateTime.now(clock.withZone(zone)));
        PrintOutcome outcome = ticketPrinter.printTest(siteConfig.current().siteName(), when);
        return outcome.printed()
                ? new CommandResult(c.id(), true, "test ticket printed (" + outcome.bytes() + " bytes, "
                + ticketPrinter.describe() + ")")
                : new CommandResult(c.id(), false, "test ticket not printed: printer " + outcome.problem()
                + (printer.current().detail() == null ? "" : " — " + printer.current().detail()));
    }

    /** args: {@code text} (required), {@code minutes} how long it shows (default 60, at most a day). */
    private CommandResult showNotice(Command c) {
        String text = c.args().getOrDefault("text", "").strip();
        if (text.isEmpty()) {
            return new CommandResult(c.id(), false, "rejected: show_notice needs args.text");
        }
        if (text.length() > NOTICE_MAX) {
            return new CommandResult(c.id(), false, "rejected: args.text is " + text.length()
                    + " characters, at most " + NOTICE_MAX + " fit the kiosk screen");
        }
        Duration showFor = NOTICE_DEFAULT;
        String minutes = c.args().get("minutes");
        if (minutes != null && !minutes.isBlank()) {
            try {
                showFor = Duration.ofMinutes(Long.parseLong(minutes.strip()));
            } catch (NumberFormatException e) {
                showFor = Duration.ZERO;
            }
            if (showFor.compareTo(Duration.ofMinutes(1)) < 0 || showFor.compareTo(NOTICE_LONGEST) > 0) {
                return new CommandResult(c.id(), false, "rejected: args.minutes must be a whole number from 1 to "
                        + NOTICE_LONGEST.toMinutes());
            }
        }
        Instant until = clock.instant().plus(showFor);
        screens.showNotice(text, until);
        String untilText = HOUR.format(until.atZone(zone));
        int n = screens.connected();
        return new CommandResult(c.id(), true, n == 0
                ? "notice kept until " + untilText + "; no kiosk screen is connected now, it shows when one connects"
                : "notice shown on " + n + (n == 1 ? " screen" : " screens") + " until " + untilText);
    }

    /** The screen restarts itself when nobody is using it; its service manager starts it again. */
    private CommandResult restartScreen(Command c) {
        int n = screens.connected();
        if (n == 0) {
            return new CommandResult(c.id(), false, "no kiosk screen is connected to this agent: nothing to restart");
        }
        events.publish(new RestartRequested(c.id()));
        return new CommandResult(c.id(), true, "restart asked of " + n + (n == 1 ? " screen" : " screens")
                + "; it restarts as soon as nobody is using it");
    }

    private void answer(CommandResult result) {
        if (!transport.publish(Topics.CMD_RESULT, codec.encode(result), 1)) {
            LOG.warn("command {}: result not sent, not connected", result.id());
        }
    }

    private String idOf(byte[] payload) {
        try {
            JsonNode id = new ObjectMapper().readTree(payload).path("id");
            return id.isTextual() && Topics.isValidId(id.asText()) ? id.asText() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
