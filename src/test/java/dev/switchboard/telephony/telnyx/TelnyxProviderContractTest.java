package dev.switchboard.telephony.telnyx;

import dev.switchboard.telephony.EmulatedFaults;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.SearchDraft;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProviderContract;
import dev.switchboard.telephony.telnyx.TelnyxEmulator.Fault;
import dev.switchboard.telephony.telnyx.TelnyxEmulator.OwnedNumber;
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
 * The Telnyx adapter against the provider contract, over real HTTP against {@link TelnyxEmulator} holding its sample
 * inventory, and checked after each test for conformance to Telnyx's OpenAPI document.
 */
class TelnyxProviderContractTest extends TelephonyProviderContract {

    private static final String KEY = "KEY0190CONTRACT_4f6c9e0a1b2c3d4e5f";

    private TelnyxEmulator telnyx;
    private TelnyxAdapter adapter;
    private final List<TelnyxAdapter> adapters = new ArrayList<>();

    @BeforeEach
    void startTelnyx() {
        telnyx = TelnyxEmulator.start().registerAccount(KEY).withSampleInventory()
                .addOwned(KEY,
                        OwnedNumber.of("+14155550100", "US", NumberType.LOCAL),
                        // Bought before July 2023: Telnyx still calls it a long code.
                        OwnedNumber.of("+12125550111", "US", NumberType.LOCAL).wireType("longcode"),
                        OwnedNumber.of("+14165550123", "CA", NumberType.LOCAL), // Toronto: not found in the US
                        OwnedNumber.of("+13125550199", "US", NumberType.LOCAL).status("deleted"),
                        OwnedNumber.of("+18005550100", "US", NumberType.TOLL_FREE).wireType("tollfree"));
        adapter = adapter(Duration.ofSeconds(5));
    }

    @AfterEach
    void everyExchangeConformedToTelnyxsDocument() {
        try {
            telnyx.assertConformant();
        } finally {
            adapters.forEach(TelnyxAdapter::close);
            telnyx.close();
        }
    }

    @Override
    protected TelephonyAdapter provider() {
        return adapter;
    }

    @Override
    protected ProviderAccount account() {
        return TelnyxAdapterTest.account(KEY);
    }

    @Override
    protected Map<String, String> samples() {
        return Map.of(
                "area_code", "415",
                "contains", SearchDraft.keypad("CALL"),
                "starts_with", "212",
                "ends_with", "0147",
                "region", "CA",
                "locality", "San Francisco",
                "capabilities", "sms,mms",
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

    @Override
    protected Optional<Faults> faults() {
        return Optional.of(new EmulatedFaults(telnyx,
                () -> telnyx.revoke(KEY),
                Fault::rateLimited,
                Fault.serverError(),
                Fault.malformedJson(),
                this::adapter));
    }

    private TelnyxAdapter adapter(Duration timeout) {
        TelnyxAdapter created = TelnyxAdapterTest.adapter(timeout, telnyx.baseUrl(), Clock.systemUTC());
        adapters.add(created);
        return created;
    }

    /** The Toronto number the account owns. */
    @Override
    protected Set<String> ownedNumbersOutsideTheUs() {
        return Set.of("+14165550123");
    }
}
