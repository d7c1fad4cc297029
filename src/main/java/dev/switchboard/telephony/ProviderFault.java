package dev.switchboard.telephony;

import dev.switchboard.web.ParameterError;
import dev.switchboard.web.ProblemSource;
import dev.switchboard.web.ProblemType;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Why a provider call failed, translated at the adapter's edge so nothing above the port sees a provider's
 * HTTP status. Messages are written for the API's caller and never hold a credential.
 */
public abstract sealed class ProviderFault extends RuntimeException implements ProblemSource {

    private final TelephonyProviderName provider;

    protected ProviderFault(TelephonyProviderName provider, String message, @Nullable Throwable cause) {
        super(message, cause, false, false);
        this.provider = provider;
    }

    public TelephonyProviderName provider() {
        return provider;
    }

    /** The answer to a request this fault ends: never a 500; a 5xx only where the provider or the instance failed. */
    @Override
    public Problem problem() {
        String name = provider.wireName();
        Problem problem = switch (this) {
            case RejectedCredentials f -> new Problem(ProblemType.PROVIDER_CREDENTIALS_REJECTED,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    // the adapter's message already names the provider and its error code
                    f.getMessage() + ". Update them with POST /v1/account_connections/update.")
                    .with("provider", name);
            case RejectedRequest f -> {
                Problem rejected = new Problem(ProblemType.PROVIDER_REJECTED_REQUEST, HttpStatus.UNPROCESSABLE_CONTENT,
                        f.getMessage()).with("provider", name);
                if (f.providerCode() != null) {
                    rejected = rejected.with("provider_code", f.providerCode());
                }
                yield f.filter() == null ? rejected
                        : rejected.with("errors", List.of(new ParameterError("filters." + f.filter(), f.getMessage())));
            }
            case RateLimited f -> new Problem(ProblemType.PROVIDER_RATE_LIMITED, HttpStatus.SERVICE_UNAVAILABLE,
                    (f.budget() > 0 ? f.getMessage() : name + " is rate-limiting requests for this account")
                            + "; retry after the Retry-After delay.")
                    .with("provider", name).retryAfter(f.retryAfter());
            case Unavailable f -> {
                Problem unavailable = new Problem(ProblemType.PROVIDER_UNAVAILABLE, HttpStatus.BAD_GATEWAY,
                        f.getMessage() + (f.providerCode() != null ? " (" + name + " error " + f.providerCode() + ")" : ""))
                        .with("provider", name).warning("provider " + name + " failed: " + f.getMessage());
                yield f.providerCode() == null ? unavailable : unavailable.with("provider_code", f.providerCode());
            }
            case TimedOut f -> new Problem(ProblemType.PROVIDER_TIMEOUT, HttpStatus.GATEWAY_TIMEOUT, f.getMessage())
                    .with("provider", name).warning("provider " + name + " timed out after " + f.deadline());
            case CircuitOpen f -> new Problem(ProblemType.PROVIDER_CIRCUIT_OPEN, HttpStatus.SERVICE_UNAVAILABLE,
                    f.getMessage() + "; retry after the Retry-After delay.")
                    .with("provider", name).retryAfter(f.retryAfter());
            case Busy f -> new Problem(ProblemType.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                    f.getMessage() + "; retry after the Retry-After delay.")
                    .with("provider", name).retryAfter(Duration.ofSeconds(1))
                    .warning("no room for a call to " + name + ": " + f.getMessage());
            case NumberNotOnSale f -> new Problem(ProblemType.NUMBER_NOT_ON_SALE, HttpStatus.CONFLICT,
                    "Provider " + name + " does not offer " + f.phoneNumber()
                            + " for sale (already taken, or never on sale). Search for available numbers again.")
                    .with("provider", name).with("phone_number", f.phoneNumber());
        };
        return problem;
    }

    /** The provider refused the connection's credentials (HTTP 401/403 or its equivalent). */
    public static final class RejectedCredentials extends ProviderFault {
        public RejectedCredentials(TelephonyProviderName provider, String message) {
            super(provider, message, null);
        }
    }

    /**
     * The provider rate-limited us; {@code retryAfter} is its own hint when it gave one, else a default. Or
     * Switchboard did, before asking: the account's budget ({@code max-calls-per-second}) had no turn within the
     * deadline ({@link #budget()} above zero).
     */
    public static final class RateLimited extends ProviderFault {
        private final Duration retryAfter;
        private final int budget;

        public RateLimited(TelephonyProviderName provider, Duration retryAfter) {
            super(provider, provider + " rate-limited the request", null);
            this.retryAfter = retryAfter;
            this.budget = 0;
        }

        /** Refused by the account's budget of {@code budget} calls a second, without asking the provider. */
        public RateLimited(TelephonyProviderName provider, Duration retryAfter, int budget) {
            super(provider, "The " + provider + " account's budget of " + budget + " calls a second"
                    + " (switchboard.providers." + provider.wireName() + ".max-calls-per-second) is spent", null);
            this.retryAfter = retryAfter;
            this.budget = budget;
        }

        /** The budget that refused the call; 0 when the provider itself refused it. */
        public int budget() {
            return budget;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * The provider failed: a 5xx, a refused or reset connection, a body that does not parse, or an error
     * that is not the caller's to fix. {@code providerCode} is the provider's own error code when it gave one.
     */
    public static final class Unavailable extends ProviderFault {
        private final @Nullable String providerCode;

        public Unavailable(TelephonyProviderName provider, @Nullable String providerCode, String message,
                @Nullable Throwable cause) {
            super(provider, message, cause);
            this.providerCode = providerCode;
        }

        public @Nullable String providerCode() {
            return providerCode;
        }
    }

    /** The provider gave no complete answer within the deadline. */
    public static final class TimedOut extends ProviderFault {
        private final Duration deadline;

        public TimedOut(TelephonyProviderName provider, Duration deadline) {
            super(provider, provider + " did not answer within " + deadline.toMillis() + " ms", null);
            this.deadline = deadline;
        }

        public Duration deadline() {
            return deadline;
        }
    }

    /**
     * The provider refused the request itself as invalid (a 4xx other than auth or rate limit), e.g. a
     * country it does not sell numbers in. {@code filter} names the filter key at fault when known.
     */
    public static final class RejectedRequest extends ProviderFault {
        private final @Nullable String filter;
        private final @Nullable String providerCode;

        public RejectedRequest(TelephonyProviderName provider, @Nullable String filter, @Nullable String providerCode,
                String message) {
            super(provider, message, null);
            this.filter = filter;
            this.providerCode = providerCode;
        }

        public @Nullable String filter() {
            return filter;
        }

        public @Nullable String providerCode() {
            return providerCode;
        }
    }

    /**
     * Switchboard did not call the provider: calls on this account connection failed repeatedly (5xx, resets,
     * timeouts), so its circuit breaker is open. {@code retryAfter} is the time until the breaker lets a trial call
     * through again.
     */
    public static final class CircuitOpen extends ProviderFault {
        private final Duration retryAfter;

        public CircuitOpen(TelephonyProviderName provider, Duration retryAfter) {
            super(provider, provider + " failed repeatedly for this account connection, so Switchboard is not calling"
                    + " it for now", null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * Switchboard did not call the provider: this instance had {@code max-concurrent-calls} calls under way for the
     * whole of the call's deadline. The instance is overloaded; the provider is not at fault, so this opens no breaker.
     */
    public static final class Busy extends ProviderFault {
        private final Duration waited;

        public Busy(TelephonyProviderName provider, int maxConcurrentCalls, Duration waited) {
            super(provider, "Switchboard had " + maxConcurrentCalls + " calls to providers under way for the whole "
                    + waited.toMillis() + " ms this call could wait, so it did not call " + provider, null);
            this.waited = waited;
        }

        public Duration waited() {
            return waited;
        }
    }

    /**
     * The provider does not offer this number for sale: someone else bought it first, it never existed, or it
     * cannot be bought (the account already owns it, or the provider sells it only otherwise). Answered as a
     * conflict: the caller asked for something the provider's current state does not allow, and searching again
     * finds numbers that are on sale.
     */
    public static final class NumberNotOnSale extends ProviderFault {
        private final String phoneNumber;

        public NumberNotOnSale(TelephonyProviderName provider, String phoneNumber) {
            super(provider, provider + " does not offer " + phoneNumber + " for sale", null);
            this.phoneNumber = phoneNumber;
        }

        /** The number asked for, in E.164. */
        public String phoneNumber() {
            return phoneNumber;
        }
    }
}
