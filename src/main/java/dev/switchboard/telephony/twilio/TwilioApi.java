package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.http.ProviderHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Twilio's REST API as the adapter calls it: one pooled HTTP client for every account (credentials travel with
 * each call), a deadline over the whole exchange including the body, and every failure translated here, at the
 * edge, into a {@link ProviderFault}, so nothing above the adapter ever sees a Twilio HTTP status.
 */
final class TwilioApi implements AutoCloseable {

    private static final TelephonyProviderName TWILIO = TelephonyProviderName.TWILIO;

    /**
     * Retry-After when Twilio's 429 gives none. Twilio documents no value; its concurrency limits free up within
     * seconds, and a few seconds keep clients from hammering the account straight back into the limit.
     */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * The most the adapter reads of one answer. A full page of 1000 owned numbers is about 1.5 MB; anything far
     * larger is not Twilio's JSON, and reading it whole could exhaust the heap.
     */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final ProviderHttp http;

    TwilioApi(URI baseUrl, Duration connectTimeout, Clock clock) {
        this.http = new ProviderHttp(TWILIO, baseUrl, connectTimeout, clock, MAX_BODY_BYTES, DEFAULT_RETRY_AFTER);
    }

    /** What a GET ended in when it did not fail: Twilio's body, or Twilio's 404 for a resource it does not have. */
    sealed interface Outcome<T> {
        record Found<T>(T body) implements Outcome<T> {}

        record NotFound<T>(@Nullable String code, @Nullable String message) implements Outcome<T> {}
    }

    /**
     * GETs one Twilio resource within what is left of the deadline.
     *
     * @throws ProviderFault for every failure but a 404
     */
    <T> Outcome<T> get(ProviderCredentials.Twilio credentials, TwilioRequest request, Class<T> type, Deadline deadline) {
        Reply reply = call(credentials, "GET", request, null, deadline);
        if (reply.succeeded()) {
            return new Outcome.Found<>(read(reply.body(), type));
        }
        if (reply.status() == 404) {
            return new Outcome.NotFound<>(reply.code(), reply.quotedMessage());
        }
        throw new ProviderFault.RejectedRequest(TWILIO, filterNamedIn(reply.error().message(), request),
                reply.code(), "Twilio refused the search" + (reply.quotedMessage() == null ? ""
                        : ": " + reply.quotedMessage()) + withCode(reply.code()));
    }

    /**
     * Twilio's answer to one call that it did not refuse for the account's sake: a 2xx, or a 4xx about the request
     * itself (not 401/403/429), whose meaning depends on the call.
     *
     * @param error Twilio's error body of a 4xx, with every field null when it sent none
     * @param quotedMessage Twilio's message, fit to show the API's caller
     */
    record Reply(int status, byte[] body, TwilioWire.Error error, @Nullable String quotedMessage) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        @Nullable String code() {
            return error.codeText();
        }
    }

    /**
     * Sends one call (a GET, a form POST or a DELETE) within what is left of the deadline. Never retried: a POST
     * that buys a number must reach Twilio at most once.
     *
     * @param form the {@code application/x-www-form-urlencoded} body of a POST, already encoded; else null
     * @throws ProviderFault for refused credentials, rate limiting, Twilio's failures and no answer in time
     */
    Reply call(ProviderCredentials.Twilio credentials, String method, TwilioRequest request, @Nullable String form,
            Deadline deadline) {
        ProviderHttp.Answer response = exchange(credentials, method, request, form, deadline);
        int status = response.status();
        byte[] body = response.body();
        if (status >= 200 && status < 300) {
            return new Reply(status, body, new TwilioWire.Error(null, null, null), null);
        }
        TwilioWire.Error error = readError(body);
        String code = error.codeText();
        if (status == 401 || status == 403) {
            throw new ProviderFault.RejectedCredentials(TWILIO,
                    "Twilio rejected the account connection's credentials" + withCode(code));
        }
        if (status == 429) {
            throw new ProviderFault.RateLimited(TWILIO, http.retryAfter(response.headers()));
        }
        if (status >= 400 && status < 500) {
            return new Reply(status, body, error, ProviderHttp.quote(error.message(), credentials.authToken()));
        }
        throw new ProviderFault.Unavailable(TWILIO, code,
                "Twilio failed to answer (HTTP " + status + ")" + withCode(code), null);
    }

    /** Reads a 2xx body as the given wire type; a body that is not it is Twilio failing. */
    static <T> T read(byte[] body, Class<T> type) {
        return ProviderHttp.read(TWILIO, TwilioWire.MAPPER, body, type);
    }

    static String withCode(@Nullable String code) {
        return ProviderHttp.withCode(TWILIO, code);
    }

    /**
     * The request for Twilio's next page. Twilio names it relative to its API root; the adapter follows it only
     * within the same account's resources on the configured host, since it carries the account's credentials.
     */
    TwilioRequest nextPage(TwilioRequest current, String nextPageUri, String accountSid) {
        URI base = http.base();
        String pathAndQuery = nextPageUri;
        if (!nextPageUri.startsWith("/")) {
            URI next;
            try {
                next = URI.create(nextPageUri);
            } catch (IllegalArgumentException e) {
                throw unreadable(e);
            }
            boolean sameOrigin = next.isAbsolute() && base.getScheme().equalsIgnoreCase(next.getScheme())
                    && base.getHost() != null && base.getHost().equalsIgnoreCase(next.getHost())
                    && base.getPort() == next.getPort();
            if (!sameOrigin || next.getRawPath() == null) {
                throw new ProviderFault.Unavailable(TWILIO, null,
                        "Twilio pointed its next page at another host; not followed", null);
            }
            pathAndQuery = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
        }
        if (!pathAndQuery.startsWith(TwilioRequest.accountRoot(accountSid))) {
            throw new ProviderFault.Unavailable(TWILIO, null,
                    "Twilio pointed its next page outside the account's numbers; not followed", null);
        }
        return current.at(pathAndQuery);
    }

    @Override
    public void close() {
        http.close();
    }

    private ProviderHttp.Answer exchange(ProviderCredentials.Twilio credentials, String method,
            TwilioRequest request, @Nullable String form, Deadline deadline) {
        return http.send(method, request.pathAndQuery(), basicAuthorization(credentials),
                form == null ? null : "application/x-www-form-urlencoded; charset=utf-8",
                form == null ? null : form.getBytes(StandardCharsets.UTF_8), deadline);
    }

    private static ProviderFault.Unavailable unreadable(@Nullable Throwable cause) {
        return ProviderHttp.unreadable(TWILIO, cause);
    }

    /** Twilio's error body when there is one; a proxy's HTML page or an empty body reads as no error details. */
    private static TwilioWire.Error readError(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            try {
                TwilioWire.Error error = TwilioWire.MAPPER.readValue(text, TwilioWire.Error.class);
                if (error != null) {
                    return error;
                }
            } catch (JacksonException e) {
                // Not Twilio's error shape: the status alone says what happened.
            }
        }
        return new TwilioWire.Error(null, null, null);
    }

    /**
     * The search filter a Twilio error message names through its parameter, e.g. {@code "Invalid AreaCode"} →
     * {@code area_code}. Compared without case or underscores, so {@code in_postal_code} matches too.
     */
    static @Nullable String filterNamedIn(@Nullable String message, TwilioRequest request) {
        if (message == null) {
            return null;
        }
        for (String word : message.split("[^A-Za-z0-9_]+")) {
            String normalized = normalizeParameter(word);
            for (Map.Entry<String, String> parameter : request.filterByParameter().entrySet()) {
                if (normalizeParameter(parameter.getKey()).equals(normalized)) {
                    return parameter.getValue();
                }
            }
        }
        return null;
    }

    private static String normalizeParameter(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static String basicAuthorization(ProviderCredentials.Twilio credentials) {
        String pair = credentials.accountSid() + ":" + credentials.authToken();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
