package vn.motcua.device;

import java.util.List;

/** kiosk.yaml could not be used; {@link #errors()} lists every problem found, each naming its key. */
public final class KioskConfigException extends RuntimeException {
    private final List<String> errors;

    public KioskConfigException(String source, List<String> errors) {
        super(source + " is invalid:\n  - " + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
