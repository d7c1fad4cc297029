package dev.switchboard.telephony.resilience;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.RoutingTarget;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProviderName;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An adapter for the wrapper's unit tests: answers each call with the next scripted outcome (a page, a fault, a
 * wait), else with a page of one number, and counts the calls it received, as a provider's request log would.
 * Buy, findOwned and release draw on the same script (a page's numbers are what the account owns).
 */
final class ScriptedAdapter implements TelephonyAdapter {

    static final AvailableNumber NUMBER = new AvailableNumber("+14155550123", "US", NumberType.LOCAL, "CA",
            "San Francisco", "94105", new Capabilities(true, true, true, false), "none", null, false, null);

    private final TelephonyProviderName name;
    private final Queue<Supplier<AvailableNumbersPage>> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Thread> interrupted = new CopyOnWriteArrayList<>();
    private final List<Deadline> deadlines = new CopyOnWriteArrayList<>();
    private volatile Supplier<AvailableNumbersPage> otherwise = () -> page(NUMBER);

    ScriptedAdapter(TelephonyProviderName name) {
        this.name = name;
    }

    static AvailableNumbersPage page(AvailableNumber... numbers) {
        return new AvailableNumbersPage(List.of(numbers), null, false);
    }

    /** The next calls end in these outcomes, in order. */
    @SafeVarargs
    final ScriptedAdapter then(Supplier<AvailableNumbersPage>... outcomes) {
        script.addAll(List.of(outcomes));
        return this;
    }

    /** Every call not scripted ends so. */
    ScriptedAdapter always(Supplier<AvailableNumbersPage> outcome) {
        otherwise = outcome;
        return this;
    }

    static Supplier<AvailableNumbersPage> fails(ProviderFault fault) {
        return () -> {
            throw fault;
        };
    }

    /** Hangs until interrupted (and records that it was), as an adapter stuck on a provider that never answers. */
    Supplier<AvailableNumbersPage> hangs() {
        return () -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                interrupted.add(Thread.currentThread());
            }
            throw new ProviderFault.Unavailable(name, null, "interrupted", null);
        };
    }

    int calls() {
        return calls.get();
    }

    int interruptedCalls() {
        return interrupted.size();
    }

    @Override
    public TelephonyProviderName name() {
        return name;
    }

    @Override
    public AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search,
            Deadline deadline) {
        return next(deadline);
    }

    @Override
    public AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search,
            Deadline deadline) {
        return next(deadline);
    }

    /** Buys the first number of the next outcome (the scripted fault, when there is one). */
    @Override
    public AvailableNumber buy(ProviderAccount account, String phoneNumber, Deadline deadline) {
        next(deadline);
        return new AvailableNumber(phoneNumber, "US", NumberType.LOCAL, null, null, null, Capabilities.NONE, "none",
                null, false, "PN" + phoneNumber.substring(1));
    }

    @Override
    public Optional<AvailableNumber> findOwned(ProviderAccount account, String phoneNumber, Deadline deadline) {
        return next(deadline).numbers().stream().filter(n -> n.phoneNumber().equals(phoneNumber)).findFirst();
    }

    @Override
    public void release(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            Deadline deadline) {
        next(deadline);
    }

    @Override
    public void route(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            RoutingTarget target, Deadline deadline) {
        next(deadline);
    }

    @Override
    public Optional<RoutingTarget> readRouting(ProviderAccount account, String phoneNumber,
            @Nullable String providerNumberId, Deadline deadline) {
        return next(deadline).numbers().stream().filter(n -> n.phoneNumber().equals(phoneNumber)).findFirst()
                .map(n -> new RoutingTarget("", "", null));
    }

    /** The deadlines the calls were given, in order. */
    List<Deadline> deadlines() {
        return List.copyOf(deadlines);
    }

    private AvailableNumbersPage next(Deadline deadline) {
        deadlines.add(deadline);
        calls.incrementAndGet();
        Supplier<AvailableNumbersPage> outcome = script.poll();
        return (outcome == null ? otherwise : outcome).get();
    }
}
