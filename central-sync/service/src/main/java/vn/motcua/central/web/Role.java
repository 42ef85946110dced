package vn.motcua.central.web;

import java.util.Locale;

/** What a signed-in person may do. An admin may do everything the others may. */
public enum Role {
    VIEWER, OPERATOR, REPORTER, ADMIN;

    public boolean canSendCommands() {
        return this == OPERATOR || this == ADMIN;
    }

    public boolean canReport() {
        return this == REPORTER || this == ADMIN;
    }

    public boolean canAdminister() {
        return this == ADMIN;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null for anything that is not a role name. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.wireName().equals(text)) {
                return r;
            }
        }
        return null;
    }
}
