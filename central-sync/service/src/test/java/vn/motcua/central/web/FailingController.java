package vn.motcua.central.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** Fails the way an unexpected bug does, with details in its message that must not reach the client. */
@Requires(property = "spec.name", value = "WebHardeningTest")
@Controller
class FailingController {
    static final String SECRET = "vn.motcua.central.store.Secret: SELECT password_hash FROM users";

    @Get(value = "/api/test/failure", produces = MediaType.APPLICATION_JSON)
    String api() {
        throw new IllegalStateException(SECRET);
    }

    @Get(value = "/test/failure", produces = MediaType.TEXT_HTML)
    String page() {
        throw new IllegalStateException(SECRET);
    }
}
