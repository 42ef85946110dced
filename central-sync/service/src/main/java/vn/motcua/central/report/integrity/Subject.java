package vn.motcua.central.report.integrity;

import java.util.Arrays;
import java.util.Optional;

/** Whom a flag is about. */
public enum Subject {
    OFFICER("officer"), KIOSK("kiosk");

    public final String code;

    Subject(String code) {
        this.code = code;
    }

    public static Optional<Subject> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
