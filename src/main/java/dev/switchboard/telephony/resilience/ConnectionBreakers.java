package dev.switchboard.telephony.resilience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchboard.cluster.SharedState;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.UnsupportedSearch;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One Resilience4j circuit breaker per account connection, so one customer's broken or throttled account never
 * stops calls for another's. Kept in a bounded map (least recently used go first): connections are unbounded, and
 * a breaker not used for a while holds nothing worth keeping. Metrics count breakers per provider and state rather
 * than one series per connection.
 *
 * <p>With several instances sharing Redis, an opening is announced (topic {@code breaker-opened}) and every other
 * instance opens its breaker of that connection for the same time, so a failing account is skipped everywhere
 * within a second (the time pub/sub takes); each instance then half-opens and closes on its own trial calls.
 * Without Redis, or while it is down, each instance's breaker counts its own calls only.
 */
final class ConnectionBreakers {

    /** The states a gauge reports; the others (disabled, forced open, metrics only) are never used here. */
    private static final List<CircuitBreaker.State> REPORTED =
            List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);

    private record Key(TelephonyProviderName provider, UUID connectionId) {}

    static final String OPENED_TOPIC = "breaker-opened";

    /** Set while this thread opens a breaker on another instance's word, so the opening is not announced back. */
    private static final ThreadLocal<Boolean> OPENING_ON_ANNOUNCEMENT = ThreadLocal.withInitial(() -> false);

    private final CircuitBreakerConfig config;
    private final Duration openDuration;
    private final Clock clock;
    private final ProviderMetrics metrics;
    private final Cache<Key, ConnectionBreaker> breakers;
    private final SharedState shared;

    ConnectionBreakers(ProvidersProperties.CircuitBreaker settings, Clock clock, Ticker ticker, ProviderMetrics metrics,
            SharedState shared) {
        this.shared = shared;
        this.openDuration = settings.openDuration();
        this.clock = clock;
        this.metrics = metrics;
        this.config = config(settings, clock);
        this.breakers = Caffeine.newBuilder()
                .maximumSize(settings.maxTracked())
                // Long enough that an open breaker is never forgotten before it would have half-opened anyway.
                .expireAfterAccess(max(Duration.ofHours(1), settings.openDuration().multipliedBy(2)))
                .ticker(ticker)
                .build();
        for (TelephonyProviderName provider : TelephonyProviderName.values()) {
            for (CircuitBreaker.State state : REPORTED) {
                Gauge.builder(ProviderMetrics.BREAKERS, this, b -> b.count(provider, state))
                        .description("Account connections' circuit breakers by state")
                        .tag("provider", provider.wireName())
                        .tag("state", tag(state))
                        .register(metrics.registry());
            }
        }
        shared.listen(OPENED_TOPIC, this::openedElsewhere);
    }

    /** Another instance opened its breaker of a connection: this one opens for the same time, unless open already. */
    private void openedElsewhere(String message) {
        String[] parts = message.split("\\|");
        if (parts.length != 4 || parts[3].equals(shared.instanceId())) {
            return;
        }
        TelephonyProviderName.fromWireName(parts[0]).ifPresent(provider -> {
            ConnectionBreaker breaker = of(provider, UUID.fromString(parts[1]));
            if (breaker.state() == CircuitBreaker.State.OPEN) {
                return;
            }
            Duration open = Duration.ofMillis(Long.parseLong(parts[2]));
            OPENING_ON_ANNOUNCEMENT.set(true);
            try {
                breaker.openUntil = clock.instant().plus(open);
                breaker.breaker.transitionToOpenStateFor(open);
            } catch (RuntimeException raced) {
                // it changed state meanwhile (opened itself): nothing to do
            } finally {
                OPENING_ON_ANNOUNCEMENT.set(false);
            }
        });
    }

    /**
     * Which outcomes count: failures on the provider's side (5xx, refused or reset connections, unreadable answers,
     * timeouts, and anything unexpected) open the breaker; a 429 counts neither way (the provider's own Retry-After
     * already paces the caller); every other answer, the caller's mistakes and rejected credentials included, shows
     * the provider working and counts as a success.
     */
    static CircuitBreakerConfig config(ProvidersProperties.CircuitBreaker settings, Clock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(settings.windowSize(), Math.min(settings.minimumCalls(), settings.windowSize()),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                // Half-opens on the next call after the wait: no scheduler thread per breaker.
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(ConnectionBreakers::failsTheProvider)
                .ignoreException(t -> t instanceof ProviderFault.RateLimited || t instanceof ProviderFault.CircuitOpen)
                .clock(clock)
                .writableStackTraceEnabled(false)
                .build();
    }

    static boolean failsTheProvider(Throwable t) {
        return t instanceof ProviderFault.Unavailable || t instanceof ProviderFault.TimedOut
                || !(t instanceof ProviderFault || t instanceof UnsupportedSearch);
    }

    ConnectionBreaker of(TelephonyProviderName provider, UUID connectionId) {
        return breakers.get(new Key(provider, connectionId), key -> {
            CircuitBreaker breaker = CircuitBreaker.of(key.provider().wireName() + ":" + key.connectionId(), config);
            ConnectionBreaker connectionBreaker = new ConnectionBreaker(breaker);
            breaker.getEventPublisher().onStateTransition(event -> {
                CircuitBreaker.State to = event.getStateTransition().getToState();
                if (to == CircuitBreaker.State.OPEN) {
                    if (!OPENING_ON_ANNOUNCEMENT.get()) {
                        connectionBreaker.openUntil = clock.instant().plus(openDuration);
                        shared.announce(OPENED_TOPIC, key.provider().wireName() + "|" + key.connectionId() + "|"
                                + openDuration.toMillis() + "|" + shared.instanceId());
                    }
                }
                metrics.breakerTransition(key.provider(), tag(to));
            });
            return connectionBreaker;
        });
    }

    long count(TelephonyProviderName provider, CircuitBreaker.State state) {
        return breakers.asMap().entrySet().stream()
                .filter(e -> e.getKey().provider() == provider && e.getValue().breaker.getState() == state)
                .count();
    }

    private static String tag(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The breaker of one connection, and when it opened last, for the Retry-After of the calls it refuses. */
    final class ConnectionBreaker {
        private final CircuitBreaker breaker;
        private volatile Instant openUntil = Instant.MIN;

        private ConnectionBreaker(CircuitBreaker breaker) {
            this.breaker = breaker;
        }

        boolean tryAcquirePermission() {
            return breaker.tryAcquirePermission();
        }

        void releasePermission() {
            breaker.releasePermission();
        }

        void onSuccess(long nanos) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }

        /** Counted as the breaker's configuration says: a failure, ignored, or a success. */
        void onError(long nanos, Throwable failure) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        }

        CircuitBreaker.State state() {
            return breaker.getState();
        }

        /**
         * How long until the breaker lets a trial call through: the rest of the open time, or (half-open, with its
         * trial calls under way) a second, at least a second either way.
         */
        Duration retryAfter() {
            Duration left = Duration.between(clock.instant(), openUntil);
            return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
        }
    }
}
