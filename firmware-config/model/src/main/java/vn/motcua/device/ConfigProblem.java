package vn.motcua.device;

/**
 * One thing wrong in kiosk.yaml.
 *
 * @param line    1-based line of the offending key or value, 0 when the problem is not tied to a line
 * @param key     dotted path of the key, e.g. {@code gpio.buzzer}; {@code (root)} for the whole file
 * @param message what is wrong and what is allowed
 */
public record ConfigProblem(int line, String key, String message) {
    /** {@code key: message}, the form without a line number. */
    public String keyAndMessage() {
        return key + ": " + message;
    }

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + keyAndMessage();
    }
}
