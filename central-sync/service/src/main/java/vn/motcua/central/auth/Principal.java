package vn.motcua.central.auth;

/** Who made a request: a signed-in user with the CSRF token of their session. */
public record Principal(String username, Role role, String csrf) {
    public static final String ATTRIBUTE = "central.principal";
}
