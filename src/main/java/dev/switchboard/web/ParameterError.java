package dev.switchboard.web;

/**
 * One thing wrong with a request, named the way the caller wrote it: a query parameter ({@code limit}),
 * a key inside the {@code filters} parameter ({@code filters.area_code}) or a body field path
 * ({@code credentials.twilio_auth_token}).
 */
public record ParameterError(String parameter, String message) {}
