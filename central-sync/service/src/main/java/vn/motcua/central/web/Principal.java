package vn.motcua.central.web;

import io.micronaut.http.HttpRequest;

import java.util.Optional;

/**
 * Who made a request: a signed-in user with the CSRF token of their session. The sign-in filter puts it on the
 * request; the page frame shows it.
 */
public record Principal(String username, Role role, String csrf) {
    public static final String ATTRIBUTE = "central.principal";

    /** The signed-in user of a request, if any. */
    public static Optional<Principal> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Principal.class);
    }
}
