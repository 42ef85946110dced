package vn.motcua.agent.rating;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.queue.TicketService;
import vn.motcua.agent.web.ApiException;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.screen.RatingView;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores satisfaction ratings: one per ticket, each with its {@code rating.submitted} outbox event in the same
 * transaction. A rating carries no personal data, and none is logged.
 */
@Singleton
public class RatingService {
    private static final Logger LOG = LoggerFactory.getLogger(RatingService.class);

    private final Database db;
    private final Outbox outbox;
    private final TicketService tickets;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ZoneId zone;
    private final String kioskId;

    public RatingService(Database db, Outbox outbox, TicketService tickets, ObjectMapper mapper, Clock clock,
                         KioskSettings kiosk) {
        this.db = db;
        this.outbox = outbox;
        this.tickets = tickets;
        this.mapper = mapper;
        this.clock = clock;
        this.zone = kiosk.zone();
        this.kioskId = kiosk.kioskId();
    }

    public Submitted submit(RatingRequest request, String idempotencyKey) {
        Submitted submitted = db.transaction(c -> {
            if (idempotencyKey != null) {
                Optional<RatingView> earlier = findByKey(c, idempotencyKey);
                if (earlier.isPresent()) {
                    requireSameRequest(earlier.get(), request);
                    return new Submitted(earlier.get(), false);
                }
            }
            if (request.ticketId() != null) {
                String display = tickets.displayOf(c, request.ticketId()).orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND, "ticket_not_found", "ticketId",
                        "Không tìm thấy phiếu này trên kiosk. Vui lòng kiểm tra lại số phiếu."));
                if (isRated(c, request.ticketId())) {
                    throw new ApiException(HttpStatus.CONFLICT, "already_rated", null,
                            "Phiếu " + display + " đã được đánh giá. Cảm ơn bạn!");
                }
            }
            return new Submitted(insert(c, withServer(c, request), idempotencyKey), true);
        });
        if (submitted.created()) {
            LOG.info("kiosk {}: rating stored rating={} ticket={} level={}", kioskId, submitted.rating().ratingId(),
                    submitted.rating().ticketId(), submitted.rating().level());
        }
        return submitted;
    }

    private RatingView insert(Connection c, RatingRequest r, String idempotencyKey) throws SQLException {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), zone);
        String id = UUID.randomUUID().toString();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rating (id, ticket_id, counter, officer_id, "
                + "procedure_code, level, scale, reasons, comment, submitted_at, idempotency_key) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, r.ticketId());
            ps.setString(3, r.counter());
            ps.setString(4, r.officerId());
            ps.setString(5, r.procedureCode());
            ps.setString(6, r.level().wireName());
            ps.setInt(7, r.scale());
            ps.setString(8, toJson(r.reasons()));
            ps.setString(9, r.comment());
            ps.setString(10, now.toString());
            ps.setString(11, idempotencyKey);
            ps.executeUpdate();
        }
        KioskEvent event = outbox.append(c, new RatingSubmitted(id, r.ticketId(), r.counter(), r.officerId(),
                r.procedureCode(), r.level(), r.scale(), r.reasons(), r.comment()), now);
        LOG.debug("kiosk {}: rating={} event={} seq={}", kioskId, id, event.id(), event.seq());
        return new RatingView(id, r.ticketId(), r.counter(), r.officerId(), r.procedureCode(), r.level().wireName(),
                r.scale(), r.reasons(), r.comment(), now.toString());
    }

    /** A rating for a ticket names who served it, unless the screen named someone itself. */
    private static RatingRequest withServer(Connection c, RatingRequest r) throws SQLException {
        if (r.ticketId() == null || (r.counter() != null && r.officerId() != null)) {
            return r;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT counter, officer_id FROM ticket WHERE id = ?")) {
            ps.setString(1, r.ticketId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return r;
                }
                return new RatingRequest(r.ticketId(), r.counter() != null ? r.counter() : rs.getString(1),
                        r.officerId() != null ? r.officerId() : rs.getString(2), r.procedureCode(), r.level(),
                        r.scale(), r.reasons(), r.comment());
            }
        }
    }

    private static boolean isRated(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM rating WHERE ticket_id = ?")) {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void requireSameRequest(RatingView earlier, RatingRequest request) {
        if (!Objects.equals(earlier.ticketId(), request.ticketId()) || !earlier.level().equals(request.level().wireName())
                || earlier.scale() != request.scale()) {
            throw new ApiException(HttpStatus.CONFLICT, "idempotency_key_reused", "Idempotency-Key",
                    "this Idempotency-Key was already used for another rating; send a new key for a new rating");
        }
    }

    private Optional<RatingView> findByKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, ticket_id, counter, officer_id, procedure_code, "
                + "level, scale, reasons, comment, submitted_at FROM rating WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RatingView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), fromJson(rs.getString(8)), rs.getString(9),
                        rs.getString(10)));
            }
        }
    }

    private String toJson(List<String> reasons) {
        try {
            return mapper.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode reasons", e);
        }
    }

    private List<String> fromJson(String reasons) {
        try {
            return mapper.readValue(reasons, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reasons are not a JSON list", e);
        }
    }
}
