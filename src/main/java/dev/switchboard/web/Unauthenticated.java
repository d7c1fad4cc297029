package dev.switchboard.web;

/** No valid bearer token. Answered 401 with {@code WWW-Authenticate: Bearer}. */
public final class Unauthenticated extends RuntimeException {

    public Unauthenticated(String message) {
        super(message, null, false, false);
    }
}
