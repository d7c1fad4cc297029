package dev.switchboard.users;

import java.util.UUID;

/** The caller of a {@code /v1} request, as proven by its bearer key. Controllers take it as a parameter. */
public record AuthenticatedUser(UUID id) {}
