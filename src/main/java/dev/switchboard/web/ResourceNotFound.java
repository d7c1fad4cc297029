package dev.switchboard.web;

/**
 * No such resource for this caller: it does not exist, or it belongs to someone else (the two are
 * indistinguishable on purpose). Answered 404.
 */
public final class ResourceNotFound extends RuntimeException {

    public ResourceNotFound(String message) {
        super(message, null, false, false);
    }
}
