package dev.switchboard.numbers;

import dev.switchboard.connections.AccountConnection;
import dev.switchboard.connections.AccountConnectionService;
import dev.switchboard.connections.AccountConnectionView;
import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.TelephonyProviders;
import dev.switchboard.telephony.UnsupportedSearch;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.ParameterError;
import dev.switchboard.web.ProblemHandler;
import dev.switchboard.web.ResourceNotFound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Answers {@code GET /v1/numbers/available/all}: asks each of the caller's telephony connections the same search at
 * once, each on its own virtual thread through the same resilient port as the single search (deadline, retries,
 * breaker and coalescing cache per connection), waits for all of them under one deadline, and ranks what came back
 * ({@link NumberRanking}). A connection that fails, or cannot honour a filter, is reported in {@code sources} with the
 * problem its single search would have answered; the search as a whole fails only when no connection could honour
 * the filters.
 */
@Service
class AcrossAccountsSearch {

    private static final Logger log = LoggerFactory.getLogger(AcrossAccountsSearch.class);

    /**
     * Beyond the providers' own deadline: each port call ends by {@code switchboard.providers.timeout} from when its
     * thread starts, so this only covers the threads' start and the hand-back of their answers.
     */
    static final Duration GRACE = Duration.ofMillis(500);

    private final AccountConnectionService connections;
    private final TelephonyProviders providers;
    private final PriceConversion prices;
    private final ProblemHandler problems;
    private final Duration deadline;
    private final Duration providerTimeout;

    AcrossAccountsSearch(AccountConnectionService connections, TelephonyProviders providers, PriceConversion prices,
            ProblemHandler problems, ProvidersProperties properties) {
        this.connections = connections;
        this.providers = providers;
        this.prices = prices;
        this.problems = problems;
        this.providerTimeout = properties.timeout();
        this.deadline = providerTimeout.plus(GRACE);
    }

    /** How one connection's search ended: numbers, or a failure its single search would have answered with. */
    private record Outcome(@Nullable AvailableNumbersPage page, @Nullable RuntimeException failure) {}

    AcrossAccountsResponse search(UUID userId, AcrossAccountsQuery query) {
        List<AccountConnection> targets = targets(userId, query.connections());
        if (MDC.get("request_id") != null && !targets.isEmpty()) {
            // the request's one-line summary names every provider it asked
            MDC.put("provider", targets.stream().map(c -> c.type().provider().wireName()).distinct()
                    .collect(Collectors.joining(",")));
        }
        List<Outcome> outcomes = fanOut(targets, query.search());

        List<SearchSource> sources = new ArrayList<>();
        List<PhoneNumberView> items = new ArrayList<>();
        List<ParameterError> refusals = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < targets.size(); i++) {
            AccountConnection connection = targets.get(i);
            Outcome outcome = outcomes.get(i);
            TelephonyProviderName provider = connection.type().provider();
            AccountConnectionView view = connection.view();
            if (outcome.page() != null) {
                List<AvailableNumber> numbers = outcome.page().numbers().stream().limit(query.search().limit()).toList();
                numbers.forEach(n -> items.add(AvailableNumbersService.inventoryView(n, provider, view,
                        prices.convert(n.monthlyPrice(), n.setupPrice()))));
                total += numbers.size();
                sources.add(new SearchSource(view, provider.wireName(), SearchSource.OK, numbers.size(), null));
                continue;
            }
            RuntimeException failure = java.util.Objects.requireNonNull(outcome.failure());
            boolean refused = failure instanceof UnsupportedSearch || failure instanceof ProviderFault.RejectedRequest;
            if (refused) {
                refusals.addAll(refusal(failure, provider, connection.id()));
            }
            sources.add(new SearchSource(view, provider.wireName(), refused ? SearchSource.REFUSED : SearchSource.FAILED,
                    0, error(problems.answerFor(failure))));
        }
        if (!targets.isEmpty() && !refusals.isEmpty()
                && sources.stream().allMatch(s -> s.status().equals(SearchSource.REFUSED))) {
            // no provider asked can honour the filters: the search itself is wrong, as the single search would say
            throw new InvalidRequest(refusals);
        }
        items.sort(NumberRanking.by(query.sort()));
        List<PhoneNumberView> best = items.size() > query.search().limit()
                ? List.copyOf(items.subList(0, query.search().limit())) : List.copyOf(items);
        return new AcrossAccountsResponse(best, total, sources);
    }

    /** The connections to ask: those named (each must be the caller's, 404 otherwise), else all telephony ones. */
    private List<AccountConnection> targets(UUID userId, @Nullable List<UUID> named) {
        if (named == null) {
            // the telephony ones only (OpenAI connections are not asked), and only when they are few enough to ask
            var telephony = connections.listTelephony(userId, AvailableNumberQueryParser.MAX_CONNECTIONS);
            if (telephony.count() > AvailableNumberQueryParser.MAX_CONNECTIONS) {
                throw new InvalidRequest("connections", "you have " + telephony.count() + " telephony account "
                        + "connections; a search asks at most " + AvailableNumberQueryParser.MAX_CONNECTIONS
                        + ", so name the ones to ask (a comma list of ids)");
            }
            return telephony.connections();
        }
        Map<UUID, AccountConnection> found = connections.findAll(userId, named);
        List<AccountConnection> targets = new ArrayList<>();
        for (UUID id : named) {
            AccountConnection connection = found.get(id);
            if (connection == null) {
                // as the single search answers an id that is missing or someone else's
                throw new ResourceNotFound("No account connection " + id);
            }
            if (!connection.type().isTelephony()) {
                throw new InvalidRequest("connections", id + " is " + connection.type().wireName()
                        + ", which has no telephony provider; name telephony account connections only");
            }
            targets.add(connection);
        }
        return targets;
    }

    /**
     * Each connection's search on its own virtual thread, all under one deadline. A search still running at the
     * deadline is cancelled (its thread interrupted) and reported as the provider's timeout; closing the executor
     * waits for the cancelled ones to end, so no search outlives the request.
     */
    private List<Outcome> fanOut(List<AccountConnection> targets, AvailableNumberSearch search) {
        if (targets.isEmpty()) {
            return List.of();
        }
        Map<String, String> context = MDC.getCopyOfContextMap();
        Deadline end = Deadline.after(deadline);
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AvailableNumbersPage>> answers = targets.stream()
                    .map(connection -> threads.submit(() -> withContext(context, () -> searchOne(connection, search))))
                    .toList();
            for (int i = 0; i < targets.size(); i++) {
                Future<AvailableNumbersPage> answer = answers.get(i);
                TelephonyProviderName provider = targets.get(i).type().provider();
                try {
                    outcomes.add(new Outcome(answer.get(Math.max(0, end.remainingNanos()), TimeUnit.NANOSECONDS), null));
                } catch (TimeoutException e) {
                    answer.cancel(true);
                    outcomes.add(new Outcome(null, new ProviderFault.TimedOut(provider, providerTimeout)));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome(null, failure(provider, e.getCause())));
                } catch (InterruptedException e) {
                    answers.forEach(a -> a.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new ProviderFault.Unavailable(provider, null, "The search was interrupted", e);
                }
            }
        }
        return outcomes;
    }

    private AvailableNumbersPage searchOne(AccountConnection connection, AvailableNumberSearch search) {
        TelephonyProviderName name = connection.type().provider();
        TelephonyProvider provider = providers.find(name).orElseThrow(() -> new InvalidRequest(
                "telephony_provider", name + " is not enabled on this Switchboard"));
        return provider.searchInventory(connection.providerAccount(), search);
    }

    private static <T> T withContext(@Nullable Map<String, String> context, java.util.function.Supplier<T> body) {
        if (context != null) {
            MDC.setContextMap(context);
        }
        try {
            return body.get();
        } finally {
            MDC.clear();
        }
    }

    private static RuntimeException failure(TelephonyProviderName provider, @Nullable Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            if (!(runtime instanceof ProviderFault || runtime instanceof UnsupportedSearch
                    || runtime instanceof dev.switchboard.web.ProblemException)) {
                log.error("search of {} failed unexpectedly", provider, runtime);
            }
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new ProviderFault.Unavailable(provider, null, "The call to " + provider + " failed", cause);
    }

    /** What a refusal says about the filters, named as the single search's 422 names them, with the provider. */
    private static List<ParameterError> refusal(RuntimeException failure, TelephonyProviderName provider, UUID id) {
        return switch (failure) {
            case UnsupportedSearch u -> List.of(new ParameterError("filters." + u.filter(),
                    u.getMessage() + " (not supported by provider " + u.provider() + ", connection " + id + ")"));
            case ProviderFault.RejectedRequest r -> List.of(new ParameterError(
                    r.filter() == null ? "filters" : "filters." + r.filter(),
                    r.getMessage() + " (provider " + provider + ", connection " + id + ")"));
            default -> List.of();
        };
    }

    /**
     * The problem body the single search would have answered, as a value: {@code type}, {@code title},
     * {@code status}, {@code detail} and the problem's own members ({@code provider}, {@code errors}...), plus
     * {@code retry_after} in seconds where the single search sends {@code Retry-After}. The request id is the
     * answer's own, so it is left out here.
     */
    private static Map<String, Object> error(ResponseEntity<ProblemDetail> answer) {
        ProblemDetail problem = java.util.Objects.requireNonNull(answer.getBody());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", String.valueOf(problem.getType()));
        error.put("title", problem.getTitle());
        error.put("status", problem.getStatus());
        error.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            problem.getProperties().forEach((name, value) -> {
                if (!name.equals("request_id") && value != null) {
                    error.put(name, value);
                }
            });
        }
        String retryAfter = answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null) {
            error.put("retry_after", Long.parseLong(retryAfter));
        }
        return error;
    }
}
