package vn.motcua.central.web;

/**
 * A request body with a bound of its own, checked by {@link HttpHardening} on the declared length so an oversized
 * body is refused before anything reads it. The feature that owns the route declares its bound as a bean.
 *
 * @param path           the POST path it applies to, or its start when {@code pathEnd} is given
 * @param pathEnd        what the path ends with ({@code ""} for an exact path)
 * @param maxBytes       the largest body accepted
 * @param field          the parameter named in the refusal
 * @param lengthRequired whether a body that does not declare its length is refused
 */
public record BodyLimit(String path, String pathEnd, long maxBytes, String field, boolean lengthRequired) {

    boolean appliesTo(String requestPath) {
        return pathEnd.isEmpty() ? requestPath.equals(path)
                : requestPath.startsWith(path) && requestPath.endsWith(pathEnd);
    }
}
