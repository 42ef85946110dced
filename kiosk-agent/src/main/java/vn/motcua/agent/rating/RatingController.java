package vn.motcua.agent.rating;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.agent.web.ApiException;
import vn.motcua.agent.web.IdempotencyKey;
import vn.motcua.agent.web.JsonRequest;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.screen.RatingView;

@Controller("/api/ratings")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RatingController {
    /** The contract's limit for ids and reason codes. */
    private static final int ID_MAX = 64;
    private static final String LEVELS = "very_satisfied, satisfied, neutral, dissatisfied, very_dissatisfied";

    private final RatingService ratings;
    private final ObjectMapper mapper;

    public RatingController(RatingService ratings, ObjectMapper mapper) {
        this.ratings = ratings;
        this.mapper = mapper;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<RatingView> submit(@Body @Nullable String body,
                                           @Header(IdempotencyKey.HEADER) @Nullable String idempotencyKey) {
        String key = IdempotencyKey.check(idempotencyKey);
        Submitted submitted = ratings.submit(parse(JsonRequest.parse(mapper, body)), key);
        MutableHttpResponse<RatingView> response = HttpResponse.created(submitted.rating());
        return submitted.created() ? response : response.header("Idempotent-Replayed", "true");
    }

    private static RatingRequest parse(JsonRequest r) {
        String levelName = r.requiredText("level", 32);
        RatingLevel level = RatingLevel.fromWire(levelName).orElseThrow(() -> ApiException.invalid("level",
                "level must be one of " + LEVELS + ", got '" + levelName + "'"));
        int scale = r.requiredInt("scale");
        if (scale != 5 && scale != 3) {
            throw ApiException.invalid("scale", "scale must be 5 or 3, got " + scale);
        }
        if (!level.allowedOn(scale)) {
            throw ApiException.invalid("level", "level '" + levelName
                    + "' is not on the 3-level scale (very_satisfied, satisfied, dissatisfied)");
        }
        return new RatingRequest(r.optionalText("ticketId", ID_MAX), r.optionalText("counter", ID_MAX),
                r.optionalText("officerId", ID_MAX), r.optionalText("procedureCode", ID_MAX), level, scale,
                r.textList("reasons", RatingSubmitted.MAX_REASONS, ID_MAX),
                r.optionalText("comment", RatingSubmitted.MAX_COMMENT_LENGTH));
    }
}
