package vn.motcua.central.api;

/** A request's body, or a part of it, larger than central accepts; answered with 413 naming the part. */
public class TooLargeException extends BadParameterException {
    public TooLargeException(String parameter, String message) {
        super(parameter, message);
    }
}
