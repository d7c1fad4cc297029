package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.EmulatedFaults;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.SearchDraft;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProviderContract;
import dev.switchboard.telephony.twilio.TwilioEmulator.Fault;
import dev.switchboard.telephony.twilio.TwilioEmulator.InventoryNumber;
import dev.switchboard.telephony.twilio.TwilioEmulator.OwnedNumber;
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
 * The Twilio adapter against the provider contract, over real HTTP against {@link TwilioEmulator} holding its sample
 * inventory, and checked after each test for conformance to Twilio's OpenAPI document.
 */
class TwilioProviderContractTest extends TelephonyProviderContract {

    private static final String SID = TwilioEmulator.sidFor("AC", "provider contract account");
    private static final String TOKEN = "contract-auth-token-0123456789abcdef";

    private TwilioEmulator twilio;
    private TwilioAdapter adapter;
    private final List<TwilioAdapter> adapters = new ArrayList<>();

    @BeforeEach
    void startTwilio() {
        twilio = TwilioEmulator.start().registerAccount(SID, TOKEN).withSampleInventory()
                // The sample's US numbers all need no address; this one does, so leaving such numbers out shows.
                .addInventory(InventoryNumber.of("+13125550175", "US", NumberType.LOCAL)
                        .in("IL", "Chicago", "60601").addressRequirements("any"))
                .addOwned(SID,
                        OwnedNumber.of("+14155550100", NumberType.LOCAL),
                        OwnedNumber.of("+12125550111", NumberType.LOCAL).capabilities(true, false, false, false)
                                .addressRequirements("local"),
                        OwnedNumber.of("+14165550123", NumberType.LOCAL), // Toronto: Canadian, not found in the US
                        OwnedNumber.of("+18005550100", NumberType.TOLL_FREE));
        adapter = adapter(Duration.ofSeconds(5));
    }

    @AfterEach
    void everyExchangeConformedToTwiliosDocument() {
        try {
            twilio.assertConformant();
        } finally {
            adapters.forEach(TwilioAdapter::close);
            twilio.close();
        }
    }

    @Override
    protected TelephonyAdapter provider() {
        return adapter;
    }

    @Override
    protected ProviderAccount account() {
        return TwilioAdapterTest.account(SID, TOKEN);
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
                "postal_code", "94105",
                "capabilities", "sms,mms",
                "exclude_address_required", "true",
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
        return Optional.of(new EmulatedFaults(twilio,
                () -> twilio.registerAccount(SID, "a-token-rotated-since-0123456789ab"),
                retryAfter -> Fault.twilioError(429, 20429, "Too Many Requests",
                        Map.of("Retry-After", Long.toString(retryAfter.toSeconds()))),
                Fault.twilioError(500, 20500, "Internal Server Error"),
                Fault.malformedJson(),
                this::adapter));
    }

    private TwilioAdapter adapter(Duration timeout) {
        TwilioAdapter created = TwilioAdapterTest.adapter(timeout, twilio.baseUrl(), Clock.systemUTC());
        adapters.add(created);
        return created;
    }

    /** The Toronto number the account owns. */
    @Override
    protected Set<String> ownedNumbersOutsideTheUs() {
        return Set.of("+14165550123");
    }
}
