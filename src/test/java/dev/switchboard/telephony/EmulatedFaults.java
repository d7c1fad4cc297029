package dev.switchboard.telephony;

import java.time.Duration;
import java.util.function.Function;

/**
 * {@link TelephonyProviderContract.Faults} over an emulator's {@link EmulatedFault}s: a dropped connection and a
 * hang are the same for every provider; the provider's own rejection, 429, 5xx and broken body are given by its
 * contract test, so they stay visible there.
 *
 * @param emulator the emulator the adapter under test talks to
 * @param rejectCredentials makes the emulator refuse the contract's account from now on
 * @param rateLimited the provider's 429 asking to be called again after the given wait
 * @param serverError the provider's 5xx
 * @param malformedBody the provider's 200 with a body that cannot be read
 * @param adapterWithDeadline a new adapter under test giving up after the given deadline (the test closes it)
 */
public final class EmulatedFaults implements TelephonyProviderContract.Faults {

    private final ProviderEmulator<?> emulator;
    private final Runnable rejectCredentials;
    private final Function<Duration, EmulatedFault> rateLimited;
    private final EmulatedFault serverError;
    private final EmulatedFault malformedBody;
    private final Function<Duration, ? extends TelephonyAdapter> adapterWithDeadline;

    public EmulatedFaults(ProviderEmulator<?> emulator, Runnable rejectCredentials,
            Function<Duration, EmulatedFault> rateLimited, EmulatedFault serverError, EmulatedFault malformedBody,
            Function<Duration, ? extends TelephonyAdapter> adapterWithDeadline) {
        this.emulator = emulator;
        this.rejectCredentials = rejectCredentials;
        this.rateLimited = rateLimited;
        this.serverError = serverError;
        this.malformedBody = malformedBody;
        this.adapterWithDeadline = adapterWithDeadline;
    }

    @Override
    public void rejectCredentials() {
        rejectCredentials.run();
    }

    @Override
    public void rateLimit(Duration retryAfter) {
        emulator.inject(rateLimited.apply(retryAfter));
    }

    @Override
    public void serverError() {
        emulator.inject(serverError);
    }

    @Override
    public void malformedBody() {
        emulator.inject(malformedBody);
    }

    @Override
    public void dropConnection() {
        emulator.inject(new EmulatedFault.DropConnection());
    }

    @Override
    public TelephonyAdapter hang(Duration deadline) {
        emulator.inject(new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(30)));
        return adapterWithDeadline.apply(deadline);
    }
}
