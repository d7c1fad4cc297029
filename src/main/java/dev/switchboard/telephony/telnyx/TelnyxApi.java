package dev.switchboard.telephony.telnyx;

import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.http.ProviderHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Telnyx's API v2 as the adapter calls it: one pooled HTTP client for every account (the API key travels with each
 * call as a bearer token), a deadline over the whole exchange including the body, and every failure translated
 * here, at the edge, into a {@link ProviderFault}, so nothing above the adapter ever sees a Telnyx HTTP status.
 */
final class TelnyxApi implements AutoCloseable {

    private static final TelephonyProviderName TELNYX = TelephonyProviderName.TELNYX;

    /**
     * Retry-After when Telnyx's 429 gives none. Telnyx documents its limits per minute but no header value; a few
     * seconds keep clients from hammering the account straight back into the limit.
     */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /** The most the adapter reads of one answer: a page of 250 owned numbers is well under 1 MB. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final ProviderHttp http;

    TelnyxApi(URI baseUrl, Duration connectTimeout, Clock clock) {
        this.http = new ProviderHttp(TELNYX, baseUrl, connectTimeout, clock, MAX_BODY_BYTES, DEFAULT_RETRY_AFTER);
    }

    /** What a call ended in when it did not fail: Telnyx's body, or Telnyx's 404 for a resource it does not have. */
    sealed interface Outcome<T> {
        record Found<T>(T body) implements Outcome<T> {}

        record NotFound<T>(@Nullable String code, @Nullable String message) implements Outcome<T> {}

        /** A 400, 409 or 422 to a call that asked for it to be an outcome (a purchase Telnyx refuses). */
        record Refused<T>(int status, @Nullable String code, @Nullable String message) implements Outcome<T> {}
    }

    /**
     * Sends one request within what is left of the deadline and reads Telnyx's JSON answer as {@code type}.
     *
     * @throws ProviderFault for every failure but a 404
     */
    <T> Outcome<T> call(ProviderCredentials.Telnyx credentials, TelnyxRequest request, Class<T> type,
            Deadline deadline) {
        return call(credentials, request, type, deadline, false);
    }

    /**
     * As {@link #call(ProviderCredentials.Telnyx, TelnyxRequest, Class, Deadline)}, and when {@code refusalIsOutcome}
     * a 400, 409 or 422 is answered as {@link Outcome.Refused} rather than thrown.
     */
    <T> Outcome<T> call(ProviderCredentials.Telnyx credentials, TelnyxRequest request, Class<T> type,
            Deadline deadline, boolean refusalIsOutcome) {
        ProviderHttp.Answer response = exchange(credentials, request, deadline);
        int status = response.status();
        byte[] body = response.body();
        if (status >= 200 && status < 300) {
            return new Outcome.Found<>(read(body, type));
        }
        TelnyxWire.Error error = readError(body);
        String code = error == null ? null : nullIfBlank(error.code());
        String quoted = quote(error, credentials);
        if (status == 401 || status == 403) {
            throw new ProviderFault.RejectedCredentials(TELNYX,
                    "Telnyx rejected the account connection's API key" + withCode(code));
        }
        if (status == 429) {
            throw new ProviderFault.RateLimited(TELNYX, http.retryAfter(response.headers()));
        }
        if (status == 404) {
            return new Outcome.NotFound<>(code, quoted);
        }
        if (refusalIsOutcome && (status == 400 || status == 409 || status == 422)) {
            return new Outcome.Refused<>(status, code, quoted);
        }
        if (status >= 400 && status < 500) {
            throw new ProviderFault.RejectedRequest(TELNYX, filterNamedIn(error, request), code,
                    "Telnyx refused the request" + (quoted == null ? "" : ": " + quoted) + withCode(code));
        }
        throw new ProviderFault.Unavailable(TELNYX, code,
                "Telnyx failed to answer (HTTP " + status + ")" + withCode(code), null);
    }

    @Override
    public void close() {
        http.close();
    }

    private ProviderHttp.Answer exchange(ProviderCredentials.Telnyx credentials, TelnyxRequest request,
            Deadline deadline) {
        byte[] body = request.body();
        return http.send(request.method(), request.pathAndQuery(), "Bearer " + credentials.apiKey(),
                body == null ? null : "application/json",
                body, deadline);
    }

    private static <T> T read(byte[] body, Class<T> type) {
        return ProviderHttp.read(TELNYX, TelnyxWire.MAPPER, body, type);
    }

    static ProviderFault.Unavailable unreadable(@Nullable Throwable cause) {
        return ProviderHttp.unreadable(TELNYX, cause);
    }

    /** Telnyx's first error when the body is its error shape; a proxy's HTML page or an empty body reads as none. */
    private static TelnyxWire.@Nullable Error readError(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            try {
                TelnyxWire.Errors errors = TelnyxWire.MAPPER.readValue(text, TelnyxWire.Errors.class);
                return errors == null ? null : errors.first();
            } catch (JacksonException e) {
                // Not Telnyx's error shape: the status alone says what happened.
            }
        }
        return null;
    }

    /**
     * The search filter a Telnyx error points at: its {@code source.parameter} ({@code filter[administrative_area]})
     * or {@code source.pointer} ({@code /filter/administrative_area}), else a parameter its detail names. Compared
     * without case, brackets, slashes or underscores, so every spelling of one parameter matches.
     */
    static @Nullable String filterNamedIn(TelnyxWire.@Nullable Error error, TelnyxRequest request) {
        if (error == null) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        if (error.source() != null) {
            candidates.add(error.source().parameter());
            candidates.add(error.source().pointer());
        }
        for (String text : new String[] {error.detail(), error.title()}) {
            if (text != null) {
                candidates.addAll(List.of(text.split("[^A-Za-z0-9_\\[\\]./]+")));
            }
        }
        for (String candidate : candidates) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            String normalized = normalizeParameter(candidate);
            for (Map.Entry<String, String> parameter : request.filterByParameter().entrySet()) {
                if (normalizeParameter(parameter.getKey()).equals(normalized)) {
                    return parameter.getValue();
                }
            }
        }
        return null;
    }

    private static String normalizeParameter(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[\\[\\]/_.]", "");
        return lower.startsWith("filter") ? lower.substring("filter".length()) : lower;
    }

    /**
     * Telnyx's own words (its title and detail), fit to show the API's caller: short, on one line, and with the API
     * key masked in the unlikely case Telnyx ever echoed it.
     */
    private static @Nullable String quote(TelnyxWire.@Nullable Error error, ProviderCredentials.Telnyx credentials) {
        if (error == null) {
            return null;
        }
        String title = nullIfBlank(error.title());
        String detail = nullIfBlank(error.detail());
        String message = title == null ? detail : detail == null || detail.equalsIgnoreCase(title) ? title
                : title + " (" + detail + ")";
        return ProviderHttp.quote(message, credentials.apiKey());
    }

    private static String withCode(@Nullable String code) {
        return ProviderHttp.withCode(TELNYX, code);
    }

    private static @Nullable String nullIfBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
