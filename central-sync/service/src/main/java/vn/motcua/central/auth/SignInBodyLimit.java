package vn.motcua.central.auth;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import vn.motcua.central.web.BodyLimit;

/** A sign-in is small and must declare its length. */
@Factory
class SignInBodyLimit {

    @Singleton
    BodyLimit signInBodyLimit() {
        return new BodyLimit("/login", "", SignInController.BODY_MAX_BYTES, "body", true);
    }
}
