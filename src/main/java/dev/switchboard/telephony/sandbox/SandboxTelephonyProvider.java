package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviderName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The built-in {@code sandbox} provider: sells and owns realistic North American numbers drawn from a seed, so
 * Switchboard works on a fresh machine with no provider account, and the same seed always shows the same numbers.
 * An operator turns it off with {@code switchboard.providers.sandbox.enabled=false}.
 *
 * <p>Answers in memory, with no I/O, well within any deadline: the inventory is drawn once, at construction.
 */
@Component
@ConditionalOnBooleanProperty(name = "switchboard.providers.sandbox.enabled", matchIfMissing = true)
public class SandboxTelephonyProvider implements TelephonyProvider {

    private static final Logger log = LoggerFactory.getLogger(SandboxTelephonyProvider.class);

    private final SandboxCatalogue catalogue;
    private final SandboxInventory inventory;
    private final SandboxAccounts accounts;

    @Autowired
    public SandboxTelephonyProvider(ProvidersProperties properties) {
        this(properties.sandbox().seed());
    }

    /** A sandbox with the shipped catalogue, whose numbers are drawn from the given seed. */
    public SandboxTelephonyProvider(long seed) {
        this(SandboxCatalogue.load(), seed);
    }

    SandboxTelephonyProvider(SandboxCatalogue catalogue, long seed) {
        this.catalogue = catalogue;
        NumberingPlan plan = new NumberingPlan(catalogue, seed);
        this.inventory = new SandboxInventory(catalogue, plan);
        this.accounts = new SandboxAccounts(catalogue, plan, inventory);
        log.info("Sandbox provider: {} numbers on sale in {} rate centers of {} (seed {})", inventory.onSale().size(),
                catalogue.rateCenters().size(), catalogue.countries(), seed);
    }

    @Override
    public TelephonyProviderName name() {
        return TelephonyProviderName.SANDBOX;
    }

    @Override
    public AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search) {
        requireSandbox(account);
        return SandboxSearch.of(catalogue, search).page(inventory.onSale());
    }

    @Override
    public AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search) {
        requireSandbox(account);
        return SandboxSearch.of(catalogue, search).page(accounts.owned(account.connectionId()));
    }

    private static void requireSandbox(ProviderAccount account) {
        // A caller bug, not a provider fault: the service routes each connection to its own provider.
        if (account.provider() != TelephonyProviderName.SANDBOX) {
            throw new IllegalArgumentException("the sandbox provider was handed a " + account.provider()
                    + " account connection");
        }
    }
}
