package vn.motcua.central.ticketpage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Views;

/**
 * Throttles the public ticket pages per client address ({@link ClientThrottle}): a flood gets a 429 page that says
 * to wait a moment. The address is the connection's: behind a reverse proxy, every phone shares the proxy's.
 */
@ServerFilter("/t/**")
public class PublicPageThrottle {
    private final ClientThrottle throttle;
    private final Views views;

    public PublicPageThrottle(ClientThrottle throttle, Views views) {
        this.throttle = throttle;
        this.views = views;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> throttle(HttpRequest<?> request) {
        String client = request.getRemoteAddress().getAddress() == null ? request.getRemoteAddress().getHostString()
                : request.getRemoteAddress().getAddress().getHostAddress();
        if (throttle.allow(client)) {
            return null;
        }
        return PublicTicketController.message(views, Lang.of(request), "ticket.tooMany.title", "ticket.tooMany.text")
                .status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "30");
    }
}
