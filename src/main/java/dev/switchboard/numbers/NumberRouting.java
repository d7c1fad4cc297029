package dev.switchboard.numbers;

import dev.switchboard.connections.AccountConnection;
import dev.switchboard.connections.AccountConnectionService;
import dev.switchboard.connections.RoutingConfig;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.RoutingTarget;
import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.TelephonyProviders;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Points held numbers at the provider (issue 17): on buy, link and agent change, by the reconciler while a routing is
 * pending, and on reroute; and reads them back, at once to confirm and periodically for drift. Every outcome is
 * recorded with a conditional update on the status it started from ({@link RoutingRepository}), and the failure
 * events ({@code number.routing_failed}, {@code number.routing_drifted}) are published inside the transaction that
 * records them, so a listener writing an outbox commits with it or not at all.
 *
 * <p>A provider fault never loses a number: it stays recorded, its routing {@code pending}, retried with
 * exponential backoff ({@link RoutingProperties.Retry}) until it succeeds or the attempts run out ({@code failed}).
 */
@Component
class NumberRouting {

    private static final Logger log = LoggerFactory.getLogger(NumberRouting.class);
    private static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

    private final HeldNumberRepository held;
    private final RoutingRepository routes;
    private final AccountConnectionService connections;
    private final TelephonyProviders providers;
    private final NumberViews views;
    private final RoutingProperties properties;
    private final TransactionTemplate transaction;
    private final NumberEvents events;
    private final Clock clock;

    NumberRouting(HeldNumberRepository held, RoutingRepository routes, AccountConnectionService connections,
            TelephonyProviders providers, NumberViews views, RoutingProperties properties,
            TransactionTemplate transaction, NumberEvents events, Clock clock) {
        this.held = held;
        this.routes = routes;
        this.connections = connections;
        this.providers = providers;
        this.views = views;
        this.properties = properties;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** What Switchboard points a number at: a target, none (nowhere new), or why it cannot. */
    record Plan(@Nullable RoutingTarget target, @Nullable String unroutable, String why) {}

    /**
     * The target for this number on this connection: the connection's URL templates, else the server's, filled
     * with the number and its agent, for Twilio and the sandbox; the connection's application id for Telnyx
     * ({@code connection_id}) and Vonage ({@code app_id}). A number with no agent, or with nothing configured, is
     * pointed nowhere new.
     */
    Plan plan(HeldNumber number, AccountConnection connection) {
        if (number.inboundAgentId() == null) {
            return new Plan(null, null, "no inbound agent: the number is pointed nowhere new");
        }
        RoutingConfig config = RoutingConfig.of(connection);
        String voice = config.voiceUrl() != null ? config.voiceUrl() : properties.voiceUrl();
        String sms = config.smsUrl() != null ? config.smsUrl() : properties.smsUrl();
        TelephonyProviderName provider = connection.type().provider();
        if (voice == null && sms == null && config.applicationId() == null) {
            return new Plan(null, null, "no routing is configured (switchboard.routing.voice-url or the account "
                    + "connection's config): the number is pointed nowhere new");
        }
        return switch (provider) {
            case TELNYX, VONAGE -> {
                if (config.applicationId() == null) {
                    String key = provider == TelephonyProviderName.TELNYX ? RoutingConfig.TELNYX_CONNECTION_ID
                            : RoutingConfig.VONAGE_APP_ID;
                    yield new Plan(null, provider + " routes a number to an application, not to a URL: set "
                            + key + " in the account connection's config (the application whose voice URL is "
                            + (voice == null ? "your voice engine" : expand(voice, number)) + ")", "");
                }
                yield new Plan(new RoutingTarget(null, null, config.applicationId()), null, "");
            }
            default -> new Plan(new RoutingTarget(voice == null ? null : expand(voice, number),
                    sms == null ? null : expand(sms, number), null), null, "");
        };
    }

    private static String expand(String template, HeldNumber number) {
        return RoutingConfig.expand(template, number.phoneNumber(), number.id(), number.inboundAgentId());
    }

    /** When a new or changed routing's reconciler attempt is due: after its request had its own try. */
    Instant firstDue() {
        return clock.instant().plus(properties.retry().firstDelay());
    }

    /**
     * Marks a number just recorded (in the caller's transaction) as pending routing, so that should its request end
     * before routing it (a crash), the reconciler does it. {@code previous}: where a linked number pointed before.
     */
    void start(UUID numberId, @Nullable RoutingTarget previous) {
        routes.startPending(numberId, firstDue(), previous);
    }

    /** Marks the number's routing to be done again (its agent changed, a reroute), in the caller's transaction. */
    void restart(UUID numberId) {
        routes.markPending(numberId, firstDue());
    }

    /** The number's routing as stored. */
    RoutingState state(UUID numberId) {
        return routes.find(numberId).orElse(RoutingState.UNMANAGED);
    }

    /**
     * Where the number points at the provider before Switchboard changes it (recorded when it is linked, restored
     * when it is cancelled); throws the provider's fault when it cannot be read, so the link fails unrecorded.
     */
    Optional<RoutingTarget> before(AccountConnection connection, TelephonyProvider provider, String phoneNumber,
            @Nullable String providerNumberId) {
        return provider.readRouting(connection.providerAccount(), phoneNumber, providerNumberId);
    }

    /**
     * A linked number goes back to where it pointed before it was linked: each field Switchboard set gets its earlier
     * value again. Skipped when Switchboard set nothing, or the account no longer owns the number; a provider fault
     * fails the cancel (nothing is forgotten), and a retried cancel restores again (idempotent).
     */
    void restore(UUID userId, HeldNumber number) {
        RoutingState state = state(number.id());
        var set = state.target();
        var before = state.previous();
        if (set == null || before == null || RoutingState.RELEASED_EXTERNALLY.equals(state.status())) {
            return;
        }
        var restore = new RoutingTarget(
                set.voiceUrl() == null ? null : orEmpty(before.voiceUrl()),
                set.smsUrl() == null ? null : orEmpty(before.smsUrl()),
                set.applicationId() == null ? null : orEmpty(before.applicationId()));
        if (restore.setsNothing()) {
            return;
        }
        AccountConnection connection = connections.get(userId, number.accountConnectionId());
        TelephonyProviderName name = TelephonyProviderName.fromWireName(number.telephonyProvider()).orElseThrow();
        TelephonyProvider provider = providers.find(name).orElseThrow(() -> new InvalidRequest("phone_number",
                "was linked through " + name + ", which is turned off on this Switchboard: its routing cannot be "
                        + "restored now"));
        provider.route(connection.providerAccount(), number.phoneNumber(), number.providerNumberId(), restore);
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    /**
     * One attempt, by the number's request (after buy, link, update or reroute) or the reconciler: points the number
     * at its target and reads it back. Never throws for the provider's sake: the outcome is recorded.
     */
    void attempt(UUID userId, UUID numberId) {
        HeldNumber number = held.findById(userId, numberId).orElse(null);
        RoutingState state = routes.find(numberId).orElse(null);
        if (number == null || state == null || !RoutingState.PENDING.equals(state.status())) {
            return; // cancelled, or settled by someone else meanwhile
        }
        AccountConnection connection;
        try {
            connection = connections.get(userId, number.accountConnectionId());
        } catch (RuntimeException e) {
            retryOrFail(number, state, "its account connection cannot be used: " + e.getMessage());
            return;
        }
        Plan plan = plan(number, connection);
        Instant now = clock.instant();
        if (plan.unroutable() != null) {
            fail(number, state, null, plan.unroutable());
            return;
        }
        RoutingTarget target = plan.target();
        if (target == null) {
            // Pointed nowhere new: whatever Switchboard set before (an agent since cleared) is where it still points,
            // so it stays the target, checked for drift and restored when a linked number is cancelled.
            record(number, state, state.with(RoutingState.OK, state.target(), now, plan.why(), 0, null), true, null,
                    null);
            return;
        }
        TelephonyProviderName name = TelephonyProviderName.fromWireName(number.telephonyProvider()).orElseThrow();
        Optional<TelephonyProvider> provider = providers.find(name);
        if (provider.isEmpty()) {
            retryOrFail(number, state, name + " is turned off on this Switchboard");
            return;
        }
        try {
            provider.get().route(connection.providerAccount(), number.phoneNumber(), number.providerNumberId(), target);
            Optional<RoutingTarget> readBack = provider.get().readRouting(connection.providerAccount(),
                    number.phoneNumber(), number.providerNumberId());
            if (readBack.isEmpty()) {
                releasedExternally(number, state, target);
            } else if (!target.isSatisfiedBy(readBack.get())) {
                retryOrFail(number, state, name + " accepted the routing but reads back " + describe(name, readBack.get()));
            } else {
                record(number, state, state.with(RoutingState.OK, target, clock.instant(), null, 0, null), true, null,
                        null);
            }
        } catch (ProviderFault.RejectedRequest refused) {
            // the provider refuses this target or number: asking again would be refused again
            fail(number, state, target, refused.getMessage());
        } catch (ProviderFault fault) {
            retryOrFail(number, state, fault.getMessage());
        } catch (RuntimeException unexpected) {
            log.warn("Routing {} failed unexpectedly; retried later", number.phoneNumber(), unexpected);
            retryOrFail(number, state, "routing failed unexpectedly (" + unexpected.getClass().getSimpleName() + ")");
        }
    }

    /** The reconciler: tries every pending routing that is due, each claimed first so one instance tries it. */
    int retryDue() {
        int tried = 0;
        Instant now = clock.instant();
        for (RoutingRepository.Due due : routes.duePending(now, 100)) {
            RoutingState state = routes.find(due.id()).orElse(null);
            if (state == null || !routes.claim(due.id(), state.attempts(), now, now.plus(CLAIM_LEASE))) {
                continue;
            }
            attempt(due.userId(), due.id());
            tried++;
        }
        return tried;
    }

    /**
     * The drift check of one number: reads where it points at the provider and records ok, drifted, or (when the
     * account no longer owns it) released_externally with {@code active: false}. A provider fault leaves it as it
     * was, for the next check.
     */
    void check(UUID userId, UUID numberId) {
        HeldNumber number = held.findById(userId, numberId).orElse(null);
        RoutingState state = routes.find(numberId).orElse(null);
        if (number == null || state == null || state.target() == null || !number.active()
                || !(RoutingState.OK.equals(state.status()) || RoutingState.DRIFTED.equals(state.status()))) {
            return;
        }
        TelephonyProviderName name = TelephonyProviderName.fromWireName(number.telephonyProvider()).orElseThrow();
        Optional<TelephonyProvider> provider = providers.find(name);
        if (provider.isEmpty()) {
            return;
        }
        Optional<RoutingTarget> actual;
        try {
            AccountConnection connection = connections.get(userId, number.accountConnectionId());
            actual = provider.get().readRouting(connection.providerAccount(), number.phoneNumber(),
                    number.providerNumberId());
        } catch (ResourceNotFound | ProviderFault e) {
            log.info("Drift check of {} skipped: {}", number.phoneNumber(), e.getMessage());
            return;
        }
        Instant now = clock.instant();
        RoutingTarget target = state.target();
        if (actual.isEmpty()) {
            releasedExternally(number, state, target);
        } else if (target.isSatisfiedBy(actual.get())) {
            if (RoutingState.DRIFTED.equals(state.status())) {
                record(number, state, state.with(RoutingState.OK, target, now, null, 0, null), true, null, null);
            } else {
                routes.checked(numberId, now);
            }
        } else if (RoutingState.OK.equals(state.status())) {
            String detail = name + " no longer points the number where Switchboard set it: it points at "
                    + describe(name, actual.get()) + " instead of " + describe(name, target)
                    + "; POST /v1/numbers/reroute puts it back";
            record(number, state, state.with(RoutingState.DRIFTED, target, now, detail, 0, null), true,
                    dev.switchboard.numbers.NumberEvent.Type.ROUTING_DRIFTED, detail);
        } else {
            routes.checked(numberId, now);
        }
    }

    private void releasedExternally(HeldNumber number, RoutingState state, @Nullable RoutingTarget target) {
        String detail = number.telephonyProvider() + " says the account no longer owns the number: it was released "
                + "or moved outside Switchboard; cancel it to forget it";
        record(number, state, state.with(RoutingState.RELEASED_EXTERNALLY, target, clock.instant(), detail, 0, null),
                false, NumberEvent.Type.ROUTING_DRIFTED, detail);
    }

    private void retryOrFail(HeldNumber number, RoutingState state, @Nullable String why) {
        int attempts = state.attempts() + 1;
        String reason = why == null ? "the provider failed" : why;
        if (attempts >= properties.retry().maxAttempts()) {
            fail(number, state, state.target(), "gave up after " + attempts + " attempts: " + reason);
            return;
        }
        Instant next = clock.instant().plus(properties.retry().delayAfter(attempts));
        record(number, state, state.with(RoutingState.PENDING, state.target(), state.checkedAt(),
                "attempt " + attempts + " failed (" + reason + "); next attempt at " + next, attempts, next), true,
                null, null);
    }

    private void fail(HeldNumber number, RoutingState state, @Nullable RoutingTarget target, @Nullable String why) {
        String detail = why == null ? "the provider refused the routing" : why;
        record(number, state, state.with(RoutingState.FAILED, target, clock.instant(), detail, state.attempts(), null),
                true, NumberEvent.Type.ROUTING_FAILED, detail);
    }

    /**
     * Writes the new state if the status is still the one read, and publishes the event (if any) in the same
     * transaction, with the number as the API now shows it.
     */
    private void record(HeldNumber number, RoutingState from, RoutingState next, boolean active,
            NumberEvent.@Nullable Type event, @Nullable String detail) {
        transaction.executeWithoutResult(status -> {
            if (!routes.transition(number.id(), from.status(), next, active)) {
                return; // someone else recorded an outcome first
            }
            if (event != null) {
                HeldNumber now = held.findById(number.userId(), number.id()).orElse(number);
                events.publish(event, views.view(now), detail);
            }
        });
    }

    private static String describe(TelephonyProviderName provider, RoutingTarget target) {
        var shown = target.describe(provider);
        return shown.isEmpty() ? "nothing" : shown.toString();
    }
}
