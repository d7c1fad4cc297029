package dev.switchboard.web;

/** The request clashes with the current state (e.g. an email already registered). Answered 409. */
public final class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message, null, false, false);
    }
}
