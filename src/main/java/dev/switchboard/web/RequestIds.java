package dev.switchboard.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Every request's id: the client's {@code X-Request-Id} when it is a sane token, else a new UUID. {@link Edge} echoes
 * it in the response header and puts it in the log context for the request, so every log line and problem detail
 * carries it.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";
    // Bounded and printable, so a client cannot inject log lines or huge headers through it.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {}

    /** Names the request, in its answer and in this thread's log context until {@link #end()}. */
    static void begin(HttpServletRequest request, HttpServletResponse response) {
        String given = request.getHeader(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : newId();
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /**
     * A random (version 4) UUID from the thread's own generator: an id names a request, it guards nothing, so it needs
     * no {@code SecureRandom}, whose one lock on {@code /dev/urandom} every request took (1.3% of the CPU samples at
     * 512 concurrent searches, bench/RESULTS.md).
     */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    static void end() {
        MDC.remove(MDC_KEY);
    }

    /** The id of the request this thread is serving, if any. */
    public static @Nullable String current() {
        return MDC.get(MDC_KEY);
    }
}
