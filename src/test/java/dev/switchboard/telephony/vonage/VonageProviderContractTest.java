package dev.switchboard.telephony.vonage;

import dev.switchboard.telephony.EmulatedFaults;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.SearchDraft;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProviderContract;
import dev.switchboard.telephony.vonage.VonageEmulator.Fault;
import dev.switchboard.telephony.vonage.VonageEmulator.OwnedNumber;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Vonage adapter against the provider contract, over real HTTP against {@link VonageEmulator} holding its sample
 * inventory, and checked after each test for conformance to Vonage's OpenAPI document.
 *
 * <p>No samples for region, locality, postal code and exclude_address_required: Vonage's Numbers API says none of
 * these of a number, so the adapter refuses them, which the contract accepts when the refusal names the filter.
 */
class VonageProviderContractTest extends TelephonyProviderContract {

    private static final String KEY = "c0ntr4ct";
    private static final String SECRET = "ContractSecret0123456789";

    private VonageEmulator vonage;
    private VonageAdapter adapter;
    private final List<VonageAdapter> adapters = new ArrayList<>();

    @BeforeEach
    void startVonage() {
        vonage = VonageEmulator.start().registerAccount(KEY, SECRET).withSampleInventory()
                .addOwned(KEY,
                        OwnedNumber.of("14155550100", "US", NumberType.LOCAL),
                        OwnedNumber.of("12125550111", "US", NumberType.LOCAL).features("VOICE"),
                        OwnedNumber.of("14165550123", "CA", NumberType.LOCAL), // Toronto: not found in the US
                        OwnedNumber.of("18005550100", "US", NumberType.TOLL_FREE).features("VOICE"));
        adapter = adapter(Duration.ofSeconds(10));
    }

    @AfterEach
    void everyExchangeConformedToVonagesDocument() {
        try {
            vonage.assertConformant();
        } finally {
            adapters.forEach(VonageAdapter::close);
            vonage.close();
        }
    }

    @Override
    protected TelephonyAdapter provider() {
        return adapter;
    }

    @Override
    protected ProviderAccount account() {
        return VonageAdapterTest.account(KEY, SECRET);
    }

    @Override
    protected Map<String, String> samples() {
        return Map.of(
                "area_code", "415",
                "contains", SearchDraft.keypad("CALL"),
                "starts_with", "212",
                "ends_with", "0147",
                "capabilities", "voice,mms",
                "type", "toll_free");
    }

    @Override
    protected Set<String> ownedNumbers(NumberType type) {
        return switch (type) {
            case LOCAL -> Set.of("+14155550100", "+12125550111");
            case TOLL_FREE -> Set.of("+18005550100");
            default -> Set.of();
        };
    }

    /** Vonage names a number by msisdn and country and has no id of its own for it. */
    @Override
    protected boolean ownedNumbersCarryProviderIds() {
        return false;
    }

    @Override
    protected Optional<Faults> faults() {
        return Optional.of(new EmulatedFaults(vonage,
                () -> vonage.registerAccount(KEY, "ASecretRotatedSince0123"),
                retryAfter -> Fault.problem(429, "throttled", "Rate Limit Hit", "Please wait, then retry your request",
                        Map.of("Retry-After", Long.toString(retryAfter.toSeconds()))),
                Fault.vonageError(500, "500", "internal error"),
                Fault.malformedJson(),
                this::adapter));
    }

    private VonageAdapter adapter(Duration timeout) {
        VonageAdapter created = VonageAdapterTest.adapter(timeout, vonage.baseUrl(), Clock.systemUTC());
        adapters.add(created);
        return created;
    }

    /** Vonage's US stock is mostly mobile-lvn, some landline: a local search must find both. */
    @Override
    protected java.util.Set<dev.switchboard.telephony.NumberType> geographicKindsOnSaleInTheUs() {
        return java.util.Set.of(dev.switchboard.telephony.NumberType.LOCAL, dev.switchboard.telephony.NumberType.MOBILE);
    }

    /** The Toronto number the account owns. */
    @Override
    protected Set<String> ownedNumbersOutsideTheUs() {
        return Set.of("+14165550123");
    }
}
