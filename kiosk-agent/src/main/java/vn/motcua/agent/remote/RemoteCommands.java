package vn.motcua.agent.remote;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.printer.PrinterMonitor;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.stream.KioskEventBus;
import vn.motcua.agent.sync.MqttTransport;
import vn.motcua.agent.telemetry.TelemetryPublisher;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.CommandResult;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the signed commands central sends on {@code cmd} and answers each on {@code cmd/result}: refused with the
 * reason (bad signature, expired, replayed, unknown type), or done with what happened.
 */
@Context
public class RemoteCommands {
    public static final String NOTICE = "notice";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCommands.class);

    private final MqttTransport transport;
    private final ProtocolCodec codec;
    private final SeenCommands seen;
    private final PrinterMonitor printer;
    private final SiteConfigStore siteConfig;
    private final KioskEventBus events;
    private final TelemetryPublisher telemetry;
    private final CommandVerifier verifier;
    private final Clock clock;
    private final vn.motcua.agent.printer.TicketPrinter ticketPrinter;
    private final java.time.ZoneId zone;

    public RemoteCommands(MqttTransport transport, ProtocolCodec codec, SeenCommands seen, PrinterMonitor printer,
                          SiteConfigStore siteConfig, KioskEventBus events, TelemetryPublisher telemetry,
                          CentralPublicKey key, KioskSettings kiosk, RemoteSettings settings, Clock clock,
                          vn.motcua.agent.printer.TicketPrinter ticketPrinter) {
        this.transport = transport;
        this.codec = codec;
        this.seen = seen;
        this.printer = printer;
        this.siteConfig = siteConfig;
        this.events = events;
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
        if (rejection.isEmpty() && !seen.remember(command.id(), command.expiresAt().toInstant(), now)) {
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
            case "print_test_ticket" -> {
                String when = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy")
                        .format(java.time.OffsetDateTime.now(clock.withZone(zone)));
                vn.motcua.agent.printer.PrintOutcome outcome =
                        ticketPrinter.printTest(siteConfig.current().siteName(), when);
                yield outcome.printed()
                        ? new CommandResult(c.id(), true, "test ticket printed (" + outcome.bytes() + " bytes, "
                        + ticketPrinter.describe() + ")")
                        : new CommandResult(c.id(), false, "test ticket not printed: printer "
                        + outcome.problem() + (printer.current().detail() == null ? ""
                        : " — " + printer.current().detail()));
            }
            case "show_notice" -> {
                String text = c.args().getOrDefault("text", "");
                if (text.isBlank()) {
                    yield new CommandResult(c.id(), false, "rejected: show_notice needs args.text");
                }
                events.publish(NOTICE, Map.of("kind", "notice", "text", text));
                yield new CommandResult(c.id(), true, "notice shown");
            }
            case "reload_config" -> {
                telemetry.publishOnce();
                yield new CommandResult(c.id(), true, "running site configuration version "
                        + siteConfig.current().version() + "; newer versions are applied as they arrive");
            }
            case "restart_app" -> new CommandResult(c.id(), false,
                    "unsupported here: restarting the kiosk app is not available on this machine");
            default -> new CommandResult(c.id(), false, "rejected: unknown command type " + c.type());
        };
    }

    private void answer(CommandResult result) {
        if (!transport.publish(Topics.CMD_RESULT, codec.encode(result), 1)) {
            LOG.warn("command {}: result not sent, not connected", result.id());
        }
    }

    private String idOf(byte[] payload) {
        try {
            com.fasterxml.jackson.databind.JsonNode id = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(payload).path("id");
            return id.isTextual() && Topics.isValidId(id.asText()) ? id.asText() : "unknown";
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
