package vn.motcua.device;

import java.util.List;

/** kiosk.yaml could not be used; {@link #problems()} lists every problem found, each with its line and key. */
public final class KioskConfigException extends RuntimeException {
    private final String source;
    private final List<ConfigProblem> problems;

    private KioskConfigException(String source, List<ConfigProblem> problems, boolean unused) {
        super(source + " is invalid:\n  - "
                + String.join("\n  - ", problems.stream().map(ConfigProblem::toString).toList()));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** @param errors each {@code key: message}, not tied to a line (e.g. a file the config names is unreadable) */
    public KioskConfigException(String source, List<String> errors) {
        this(source, errors.stream().map(KioskConfigException::unlined).toList(), true);
    }

    public static KioskConfigException of(String source, List<ConfigProblem> problems) {
        return new KioskConfigException(source, problems, true);
    }

    private static ConfigProblem unlined(String error) {
        int colon = error.indexOf(": ");
        return colon < 0 ? new ConfigProblem(0, "(root)", error)
                : new ConfigProblem(0, error.substring(0, colon), error.substring(colon + 2));
    }

    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Each problem as {@code key: message}, in file order. */
    public List<String> errors() {
        return problems.stream().map(ConfigProblem::keyAndMessage).toList();
    }
}
