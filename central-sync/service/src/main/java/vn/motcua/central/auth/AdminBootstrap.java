package vn.motcua.central.auth;

import vn.motcua.central.web.Role;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.StartupRefusedException;

/** The first admin, from CENTRAL_ADMIN_USER and CENTRAL_ADMIN_PASSWORD, created only while there is no user at all. */
@Context
class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private final AuthService auth;
    private final AuthConfig config;

    AdminBootstrap(AuthService auth, AuthConfig config) {
        this.auth = auth;
        this.config = config;
    }

    @PostConstruct
    void createFirstAdmin() {
        if (auth.userCount() > 0) {
            return;
        }
        if (config.adminUser().isEmpty() || config.adminPassword().isEmpty()) {
            LOG.warn("no user exists yet: set CENTRAL_ADMIN_USER and CENTRAL_ADMIN_PASSWORD (at least {} characters) "
                    + "and restart to create the first admin; until then nobody can sign in", AuthConfig.PASSWORD_MIN);
            return;
        }
        if (!AuthService.validUsername(config.adminUser())) {
            throw new StartupRefusedException("CENTRAL_ADMIN_USER '" + config.adminUser()
                    + "' must be 3-64 of A-Z a-z 0-9 . _ @ -", 1);
        }
        if (config.adminPassword().length() < AuthConfig.PASSWORD_MIN || config.adminPassword()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length > AuthService.PASSWORD_MAX_BYTES) {
            throw new StartupRefusedException("CENTRAL_ADMIN_PASSWORD must be at least " + AuthConfig.PASSWORD_MIN
                    + " characters and at most " + AuthService.PASSWORD_MAX_BYTES + " bytes", 1);
        }
        auth.saveUser(config.adminUser(), config.adminPassword(), Role.ADMIN);
        LOG.info("first admin '{}' created from CENTRAL_ADMIN_USER", config.adminUser());
    }
}
