package vn.motcua.agent.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.agent.web.ApiException;
import vn.motcua.agent.web.JsonRequest;
import vn.motcua.screen.SpeechRequest;

import java.io.UncheckedIOException;

/**
 * The kiosk screen's audio guide: {@code POST /api/speech} {@code {text, lang, clip}} answers {@code audio/wav}.
 * On the local API only (127.0.0.1): the LAN server has no such route.
 */
@Controller("/api/speech")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SpeechController {
    /** Says where the WAV came from: recorded, cached or synthesised. */
    public static final String SOURCE_HEADER = "X-Speech-Source";

    private final GuideSpeech speech;
    private final ObjectMapper mapper;

    public SpeechController(GuideSpeech speech, ObjectMapper mapper) {
        this.speech = speech;
        this.mapper = mapper;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = "audio/wav")
    public HttpResponse<byte[]> speak(@Body @Nullable String body) {
        SpeechRequest request = parse(JsonRequest.parse(mapper, body));
        try {
            GuideSpeech.Speech s = speech.speak(request.text(), request.lang(), request.clip());
            return HttpResponse.ok(s.wav()).contentType("audio/wav")
                    .header(SOURCE_HEADER, s.source().name().toLowerCase());
        } catch (UncheckedIOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "speech_unavailable", "text",
                    "the kiosk cannot speak now (" + e.getCause().getMessage() + ")");
        }
    }

    private static SpeechRequest parse(JsonRequest r) {
        String text = r.requiredText("text", SpeechRequest.MAX_TEXT);
        String lang = r.requiredText("lang", 2);
        if (!lang.equals("vi") && !lang.equals("en")) {
            throw ApiException.invalid("lang", "lang must be vi or en, got '" + lang + "'");
        }
        String clip = r.optionalText("clip", SpeechRequest.MAX_CLIP);
        if (clip != null && !clip.matches(SpeechRequest.CLIP_PATTERN)) {
            throw ApiException.invalid("clip", "clip must be lower-case letters, digits and dashes, e.g. "
                    + "guide-home-title");
        }
        return new SpeechRequest(text, lang, clip);
    }
}
