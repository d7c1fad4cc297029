package dev.switchboard.numbers;

import dev.switchboard.connections.AccountConnection;
import dev.switchboard.connections.AccountConnectionService;
import dev.switchboard.idempotency.IdempotencyKey;
import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.TelephonyProviders;
import dev.switchboard.web.Conflict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buying one exact number, crash-safely. The intent is committed before the provider is asked and settled after
 * it answers; when the answer cannot be recorded (a crash, the database failing), the intent stays pending and is
 * settled later by asking the provider whether the account owns the number ({@link #settle}): owned, it is
 * recorded (once: settlements of one intent are serialised by a row lock); not owned, the intent fails. So no
 * bought number is lost and none is recorded that the provider does not hold.
 */
@Component
class NumberPurchases {

    private static final Logger log = LoggerFactory.getLogger(NumberPurchases.class);

    private final NumberPurchaseRepository purchases;
    private final HeldNumberRepository held;
    private final AccountConnectionService connections;
    private final TelephonyProviders providers;
    private final TransactionTemplate transaction;
    private final NumbersProperties properties;
    private final NumberEvents events;
    private final Clock clock;
    private final NumberRouting routing;

    NumberPurchases(NumberPurchaseRepository purchases, HeldNumberRepository held, AccountConnectionService connections,
            TelephonyProviders providers, TransactionTemplate transaction, NumbersProperties properties,
            NumberEvents events, Clock clock, NumberRouting routing) {
        this.routing = routing;
        this.purchases = purchases;
        this.held = held;
        this.connections = connections;
        this.providers = providers;
        this.transaction = transaction;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What an earlier request with this Idempotency-Key bought: its number when one of its purchases went through
     * (settling any it left pending first), else empty and the request runs anew. A purchase too recent to be
     * given up while the provider does not show it yet answers {@link PurchasePending}: retry later.
     */
    Optional<HeldNumber> boughtEarlier(UUID userId, IdempotencyKey idempotencyKey) {
        for (NumberPurchase p : purchases.withKey(userId, idempotencyKey.value(), idempotencyKey.since())) {
            if (p.isBought()) {
                return Optional.of(boughtNumber(p).orElseThrow(() -> new Conflict("The purchase made with this "
                        + "Idempotency-Key went through, and its number " + p.phoneNumber()
                        + " has since been cancelled; use a new key to buy again")));
            }
            if (p.isPending()) {
                boolean old = isPastGrace(p);
                Optional<HeldNumber> settled = settle(p, old);
                if (settled.isPresent()) {
                    return settled;
                }
                if (!old) {
                    throw PurchasePending.outcomeUnknown(p.phoneNumber());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Buys this exact number on the connection's account and records it. Throws the provider's fault when it
     * does not sell it (NumberNotOnSale: 409), {@link PurchasePending} (503) when it sold it but the record failed.
     * {@code newAgent}, when given, creates the number's agent (an inline one) inside the transaction that records
     * the number, only once the provider sold it: a refused purchase or a failed record leaves no agent behind.
     */
    HeldNumber buy(UUID userId, AccountConnection connection, TelephonyProvider provider, String phoneNumber,
            @Nullable String idempotencyKey, @Nullable UUID inboundAgentId, @Nullable Supplier<UUID> newAgent) {
        if (held.find(userId, phoneNumber).isPresent()) {
            throw new Conflict(phoneNumber + " is already one of your numbers");
        }
        if (held.isHeld(phoneNumber)) {
            // someone else's: answer as the provider itself would, without telling who holds it
            throw new ProviderFault.NumberNotOnSale(provider.name(), phoneNumber);
        }
        for (NumberPurchase earlier : purchases.pendingFor(userId, phoneNumber)) {
            if (!isPastGrace(earlier)) {
                throw new Conflict("A purchase of " + phoneNumber + " is already in progress; list your numbers "
                        + "in a moment instead of buying again");
            }
            Optional<HeldNumber> settled = settle(earlier, true);
            if (settled.isPresent()) {
                return settled.get(); // an earlier request bought it after all
            }
        }

        NumberPurchase intent = NumberPurchase.pending(userId, connection.id(), provider.name().wireName(), phoneNumber,
                idempotencyKey, inboundAgentId, clock.instant());
        purchases.insert(intent); // before any money moves; if this fails nothing was bought
        AvailableNumber bought;
        try {
            bought = provider.buy(connection.providerAccount(), phoneNumber);
        } catch (RuntimeException failure) {
            if (definitelyNotBought(failure)) {
                markFailedQuietly(intent, failure.getMessage());
                throw failure;
            }
            // The provider may have sold it before failing to answer, or may still be selling it: record it now if
            // it shows, else leave the purchase pending for the reconciliation (never give it up this early).
            Optional<HeldNumber> settled = settleQuietly(intent, newAgent);
            if (settled.isPresent()) {
                return settled.get();
            }
            throw failure;
        }
        try {
            return complete(intent, bought, newAgent).orElseThrow(() -> new IllegalStateException("purchase " + intent.id()
                    + " was settled and its number cancelled while it was being recorded"));
        } catch (DataAccessException recordFailed) {
            log.error("Bought {} for purchase {} but could not record it ({}); it stays pending for the reconciliation",
                    phoneNumber, intent.id(), recordFailed.getClass().getSimpleName());
            throw PurchasePending.notRecorded(phoneNumber);
        }
    }

    /**
     * Settles a pending purchase with its provider: owned by the account, the number is recorded (once) and
     * returned; not owned, the purchase fails if {@code failIfNotOwned} (it is old enough that the provider would
     * show it by now), else stays pending. Throws (and leaves it pending) when the provider cannot tell.
     */
    Optional<HeldNumber> settle(NumberPurchase purchase, boolean failIfNotOwned) {
        return settle(purchase, failIfNotOwned, null);
    }

    private Optional<HeldNumber> settle(NumberPurchase purchase, boolean failIfNotOwned, @Nullable Supplier<UUID> newAgent) {
        AccountConnection connection = connections.get(purchase.userId(), purchase.accountConnectionId());
        TelephonyProviderName name = TelephonyProviderName.fromWireName(purchase.telephonyProvider())
                .orElseThrow(() -> new IllegalStateException("unknown provider " + purchase.telephonyProvider()));
        TelephonyProvider provider = providers.find(name)
                .orElseThrow(() -> new IllegalStateException("provider " + name + " is turned off"));
        Optional<AvailableNumber> owned = provider.findOwned(connection.providerAccount(), purchase.phoneNumber());
        if (owned.isPresent()) {
            return complete(purchase, owned.get(), newAgent);
        }
        if (failIfNotOwned) {
            purchases.markFailed(purchase.id(), name + " does not hold the number for the account", clock.instant());
        }
        return Optional.empty();
    }

    /**
     * Settles the pending purchases started before the cutoff (the reconciliation's grace period, so their
     * requests are over and the provider would show a purchase it made); returns how many were settled.
     */
    int reconcile(Instant cutoff) {
        List<NumberPurchase> pending = purchases.pendingBefore(cutoff, properties.reconciliation().batch());
        int settled = 0;
        for (NumberPurchase purchase : pending) {
            try {
                boolean bought = settle(purchase, true).isPresent();
                log.info("Settled purchase {} of {}: {}", purchase.id(), purchase.phoneNumber(), bought ? "bought" : "failed");
                settled++;
            } catch (RuntimeException e) {
                log.warn("Purchase {} of {} stays pending: {}", purchase.id(), purchase.phoneNumber(), e.getMessage());
            }
        }
        return settled;
    }

    /**
     * Records the number the provider sold for this purchase, in one transaction with the purchase's outcome,
     * under a lock on the purchase: a second settlement finds it bought and returns the same number. Empty when
     * it was bought and its number has since been cancelled. An inline agent ({@code newAgent}) is created here, in
     * the same transaction, and only when this settlement is the one that records the number.
     */
    private Optional<HeldNumber> complete(NumberPurchase purchase, AvailableNumber owned, @Nullable Supplier<UUID> newAgent) {
        return transaction.execute(status -> {
            NumberPurchase locked = purchases.lock(purchase.id())
                    .orElseThrow(() -> new IllegalStateException("purchase " + purchase.id() + " vanished"));
            if (locked.isBought()) {
                return boughtNumber(locked);
            }
            Instant now = clock.instant();
            HeldNumber number = held.find(locked.userId(), locked.phoneNumber())
                    .filter(n -> n.accountConnectionId().equals(locked.accountConnectionId()))
                    .orElse(null);
            if (number == null) {
                TelephonyProviderName name = TelephonyProviderName.fromWireName(locked.telephonyProvider()).orElseThrow();
                UUID agentId = locked.inboundAgentId() == null && newAgent != null ? newAgent.get() : locked.inboundAgentId();
                number = new HeldNumber(UUID.randomUUID(), locked.userId(), locked.phoneNumber(), locked.telephonyProvider(),
                        locked.accountConnectionId(), HeldNumber.BOUGHT, owned.providerNumberId(), true, null, null,
                        false, Map.of(), agentId, ProviderDetails.of(name, owned), now, now);
                held.insert(number);
                routing.start(number.id(), null); // routed by the request, else by the reconciler
                events.publish(NumberEvent.Type.PURCHASED, number); // in this transaction: a request's or the reconciler's
            }
            purchases.markBought(locked.id(), number.id(), now);
            return Optional.of(number);
        });
    }

    private boolean isPastGrace(NumberPurchase purchase) {
        return !purchase.createdAt().isAfter(clock.instant().minus(properties.reconciliation().grace()));
    }

    private Optional<HeldNumber> boughtNumber(NumberPurchase purchase) {
        return purchase.phoneNumberId() == null ? Optional.empty()
                : held.findById(purchase.userId(), purchase.phoneNumberId());
    }

    /**
     * Faults that say the provider did not sell: it refused (not on sale, bad credentials, rate limit, an invalid
     * request). Anything else (no answer in time, a 5xx, a broken connection) leaves the outcome unknown.
     */
    private static boolean definitelyNotBought(RuntimeException failure) {
        return failure instanceof ProviderFault.NumberNotOnSale || failure instanceof ProviderFault.RejectedCredentials
                || failure instanceof ProviderFault.RateLimited || failure instanceof ProviderFault.RejectedRequest;
    }

    private void markFailedQuietly(NumberPurchase intent, @Nullable String why) {
        try {
            purchases.markFailed(intent.id(), why == null ? "refused by the provider" : why, clock.instant());
        } catch (DataAccessException e) {
            log.warn("Purchase {} stays pending until the reconciliation: {}", intent.id(), e.getClass().getSimpleName());
        }
    }

    private Optional<HeldNumber> settleQuietly(NumberPurchase intent, @Nullable Supplier<UUID> newAgent) {
        try {
            return settle(intent, false, newAgent);
        } catch (RuntimeException e) {
            log.warn("Purchase {} of {} stays pending until the reconciliation: {}", intent.id(), intent.phoneNumber(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
