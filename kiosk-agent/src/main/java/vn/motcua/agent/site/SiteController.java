package vn.motcua.agent.site;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import vn.motcua.protocol.ProtocolCodec;

/**
 * The site configuration the screen draws from: site name, services, counters, officers, the procedure catalogue,
 * the rating scale and notices — in the wire form of the MQTT {@code config} message, so there is one JSON shape.
 */
@Controller("/api/site")
public class SiteController {
    private final SiteConfigStore store;
    private final ProtocolCodec codec;

    public SiteController(SiteConfigStore store, ProtocolCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> site() {
        return HttpResponse.ok(codec.encode(store.current())).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
