package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.RoutingTarget;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProviderName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
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
 * <p>The sandbox is the provider itself, so it keeps its accounts' numbers the way a provider does: a number bought
 * leaves the inventory for every connection and joins the buyer's numbers; a number released goes back on sale (a
 * starter number, never on sale, just leaves the account). Those changes are its books in the database ({@link
 * SandboxHoldingRepository}), so after a restart the sandbox still knows what each account bought. The inventory
 * and each account's starter numbers are drawn once, in memory; a search adds one indexed query to a scan of them.
 */
@Component
@ConditionalOnBooleanProperty(name = "switchboard.providers.sandbox.enabled", matchIfMissing = true)
public class SandboxTelephonyProvider implements TelephonyAdapter {

    private static final Logger log = LoggerFactory.getLogger(SandboxTelephonyProvider.class);
    private static final TelephonyProviderName SANDBOX = TelephonyProviderName.SANDBOX;
    private static final Pattern NANP_E164 = Pattern.compile("\\+1\\d{10}");
    private static final Capabilities VOICE_AND_SMS = new Capabilities(true, true, false, false);

    private final SandboxCatalogue catalogue;
    private final SandboxInventory inventory;
    private final SandboxAccounts accounts;
    private final NumberingPlan plan;
    private final SandboxHoldingRepository holdings;

    @Autowired
    public SandboxTelephonyProvider(ProvidersProperties properties, DataSource dataSource) {
        this(properties.sandbox().seed(), dataSource);
    }

    /**
     * A sandbox with the shipped catalogue, whose numbers are drawn from the given seed, keeping its books in the
     * database (migrated by Flyway) behind the data source.
     */
    public SandboxTelephonyProvider(long seed, DataSource dataSource) {
        this(SandboxCatalogue.load(), seed, new SandboxHoldingRepository(dataSource));
    }

    SandboxTelephonyProvider(SandboxCatalogue catalogue, long seed, SandboxHoldingRepository holdings) {
        this.catalogue = catalogue;
        this.plan = new NumberingPlan(catalogue, seed);
        this.inventory = new SandboxInventory(catalogue, plan);
        this.accounts = new SandboxAccounts(catalogue, plan, inventory);
        this.holdings = holdings;
        log.info("Sandbox provider: {} numbers drawn for sale in {} rate centers of {} (seed {})",
                inventory.onSale().size(), catalogue.rateCenters().size(), catalogue.countries(), seed);
    }

    @Override
    public TelephonyProviderName name() {
        return SANDBOX;
    }

    @Override
    public AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search,
            Deadline deadline) {
        requireSandbox(account);
        SandboxSearch prepared = SandboxSearch.of(catalogue, search);
        Set<String> sold = new HashSet<>();
        for (String e164 : holdings.soldNumbers()) {
            sold.add(e164.substring(2));
        }
        return prepared.page(inventory.onSale(), sold);
    }

    @Override
    public AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search,
            Deadline deadline) {
        requireSandbox(account);
        SandboxSearch prepared = SandboxSearch.of(catalogue, search);
        return prepared.page(owned(account.connectionId()));
    }

    /**
     * Sells a number of the inventory that nobody bought yet. The sale is one insert keyed by the number, so two
     * concurrent buyers cannot both get it: the second is told it is not on sale.
     */
    @Override
    public AvailableNumber buy(ProviderAccount account, String phoneNumber, Deadline deadline) {
        requireSandbox(account);
        SandboxNumber number = inventoryNumber(phoneNumber)
                .orElseThrow(() -> new ProviderFault.NumberNotOnSale(SANDBOX, phoneNumber));
        String saleId = newSaleId();
        if (!holdings.recordSale(account.connectionId(), phoneNumber, saleId)) {
            throw new ProviderFault.NumberNotOnSale(SANDBOX, phoneNumber);
        }
        return number.ownedAs(saleId).toAvailableNumber(false);
    }

    @Override
    public Optional<AvailableNumber> findOwned(ProviderAccount account, String phoneNumber,
            Deadline deadline) {
        requireSandbox(account);
        return owned(account.connectionId()).stream()
                .filter(n -> n.e164().equals(phoneNumber))
                .findFirst()
                .map(n -> n.toAvailableNumber(false));
    }

    /**
     * A bought number goes back on sale; a starter number leaves the account for good. With a provider id, only the
     * holding of that id is released, so a stale id (of a sale since released and bought again) releases nothing.
     */
    @Override
    public void release(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            Deadline deadline) {
        requireSandbox(account);
        UUID connectionId = account.connectionId();
        if (holdings.removeSale(connectionId, phoneNumber, providerNumberId)) {
            holdings.forgetRouting(connectionId, phoneNumber);
            return;
        }
        accounts.starters(connectionId).stream()
                .filter(n -> n.e164().equals(phoneNumber))
                .filter(n -> providerNumberId == null || providerNumberId.equals(n.providerNumberId()))
                .findFirst()
                .ifPresent(starter -> holdings.recordStarterReleased(connectionId, phoneNumber));
    }

    /**
     * Records where the number points, as a provider would: the target's set fields replace what was there, empty
     * ones clear it. The sandbox takes a voice URL, an SMS URL and an application id alike.
     */
    @Override
    public void route(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            RoutingTarget target, Deadline deadline) {
        requireSandbox(account);
        if (findOwned(account, phoneNumber, deadline).isEmpty()) {
            throw new ProviderFault.RejectedRequest(SANDBOX, "phone_number", null,
                    "the sandbox account does not own " + phoneNumber);
        }
        RoutingTarget now = holdings.routing(account.connectionId(), phoneNumber).orElse(NOWHERE);
        holdings.saveRouting(account.connectionId(), phoneNumber, new RoutingTarget(
                target.voiceUrl() != null ? target.voiceUrl() : now.voiceUrl(),
                target.smsUrl() != null ? target.smsUrl() : now.smsUrl(),
                target.applicationId() != null ? target.applicationId() : now.applicationId()));
    }

    @Override
    public Optional<RoutingTarget> readRouting(ProviderAccount account, String phoneNumber,
            @Nullable String providerNumberId, Deadline deadline) {
        requireSandbox(account);
        if (findOwned(account, phoneNumber, deadline).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(holdings.routing(account.connectionId(), phoneNumber).orElse(NOWHERE));
    }

    private static final RoutingTarget NOWHERE = new RoutingTarget("", "", "");

    /** The connection's numbers: its starters it has not released and what it bought, in the stable order. */
    private List<SandboxNumber> owned(UUID connectionId) {
        List<SandboxNumber> starters = accounts.starters(connectionId);
        SandboxHoldingRepository.Holdings changes = holdings.holdingsOf(connectionId);
        if (changes == SandboxHoldingRepository.Holdings.NONE) {
            return starters;
        }
        List<SandboxNumber> owned = new ArrayList<>(starters.size() + changes.bought().size());
        for (SandboxNumber starter : starters) {
            if (!changes.releasedStarters().contains(starter.e164())) {
                owned.add(starter);
            }
        }
        for (SandboxHoldingRepository.Sale sale : changes.bought()) {
            Optional<SandboxNumber> sold = inventoryNumber(sale.phoneNumber());
            if (sold.isPresent()) {
                owned.add(sold.get().ownedAs(sale.providerNumberId()));
            } else {
                // Sold under another seed: the number is still the account's, described as its area code's.
                describedByAreaCode(sale.phoneNumber()).map(n -> n.ownedAs(sale.providerNumberId()))
                        .ifPresentOrElse(owned::add, () -> log.warn("sandbox sale of {} matches no area code of "
                                + "the catalogue; not listed", sale.phoneNumber()));
            }
        }
        owned.sort(Comparator.comparingLong(n -> plan.orderKey(n.nationalNumber())));
        return owned;
    }

    private Optional<SandboxNumber> inventoryNumber(String phoneNumber) {
        return NANP_E164.matcher(phoneNumber).matches() ? inventory.find(phoneNumber.substring(2)) : Optional.empty();
    }

    private Optional<SandboxNumber> describedByAreaCode(String phoneNumber) {
        if (!NANP_E164.matcher(phoneNumber).matches()) {
            return Optional.empty();
        }
        String national = phoneNumber.substring(2);
        return catalogue.withAreaCode(national.substring(0, 3)).stream().boxed().findFirst()
                .map(catalogue::rateCenter)
                .map(rc -> {
                    try {
                        return new SandboxNumber(national, rc, VOICE_AND_SMS, "none", null);
                    } catch (IllegalArgumentException notNanp) {
                        return null;
                    }
                });
    }

    /** Like a provider's id of a purchase (Twilio's {@code PN...}): fresh for every sale, plainly the sandbox's. */
    private static String newSaleId() {
        UUID random = UUID.randomUUID();
        HexFormat hex = HexFormat.of();
        return "SB" + hex.toHexDigits(random.getMostSignificantBits()) + hex.toHexDigits(random.getLeastSignificantBits());
    }

    private static void requireSandbox(ProviderAccount account) {
        // A caller bug, not a provider fault: the service routes each connection to its own provider.
        if (account.provider() != TelephonyProviderName.SANDBOX) {
            throw new IllegalArgumentException("the sandbox provider was handed a " + account.provider()
                    + " account connection");
        }
    }
}
