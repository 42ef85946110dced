package vn.motcua.central.web;

/** The signed-in user's role does not allow this; answered with 403. */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
