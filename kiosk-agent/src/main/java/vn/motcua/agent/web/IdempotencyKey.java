package vn.motcua.agent.web;

/** The {@code Idempotency-Key} header: a repeated key returns the first answer instead of doing the work twice. */
public final class IdempotencyKey {
    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 128;

    private IdempotencyKey() {
    }

    /** @return the key, or null when the header is absent */
    public static String check(String header) {
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > MAX_LENGTH) {
            throw ApiException.invalid(HEADER, HEADER + " must be 1-" + MAX_LENGTH + " characters, e.g. a UUID");
        }
        return JsonRequest.plain(HEADER, header);
    }
}
