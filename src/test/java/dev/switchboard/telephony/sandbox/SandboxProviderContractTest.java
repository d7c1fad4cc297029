package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderSettings;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProviderContract;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/**
 * The sandbox against the provider contract, with its shipped catalogue and default seed: what it holds follows from
 * the seed, so the samples and owned numbers below are exact. Its books (sales and releases) live in an embedded H2
 * database, emptied before each test so every test starts from the seed alone. It cannot fail, so the fault tests
 * are skipped.
 */
class SandboxProviderContractTest extends TelephonyProviderContract {

    private static final DataSource DATABASE = SandboxDatabase.h2();

    /** Shared: drawing the inventory is the expensive part; the books are emptied before each test instead. */
    private static final SandboxTelephonyProvider SANDBOX =
            new SandboxTelephonyProvider(ProviderSettings.defaults().sandbox().seed(), DATABASE);

    private static final ProviderAccount ACCOUNT = new ProviderAccount(
            UUID.fromString("5a0d1c3e-7b2f-4e61-9c8d-2f4a6b8c0e13"), new ProviderCredentials.Sandbox());

    @BeforeEach
    void startFromTheSeedAlone() {
        SandboxDatabase.clear(DATABASE);
    }

    @Override
    protected TelephonyAdapter provider() {
        return SANDBOX;
    }

    @Override
    protected ProviderAccount account() {
        return ACCOUNT;
    }

    @Override
    protected Map<String, String> samples() {
        return Map.of(
                "area_code", "512",
                "contains", "42",
                "starts_with", "2125",
                "ends_with", "00",
                "region", "TX",
                "locality", "Chicago",
                "postal_code", "98101",
                "capabilities", "sms,fax",
                "exclude_address_required", "true",
                "type", "toll_free");
    }

    @Override
    protected Set<String> ownedNumbers(NumberType type) {
        return switch (type) {
            case LOCAL -> Set.of("+13032703284", "+12104699136", "+15206386668");
            case TOLL_FREE -> Set.of("+18445631517");
            default -> Set.of();
        };
    }

    @Override
    protected Optional<Faults> faults() {
        return Optional.empty();
    }

    /** The Calgary number the sandbox's starter holdings include, which a search defaulting to the US never showed. */
    @Override
    protected Set<String> ownedNumbersOutsideTheUs() {
        return Set.of("+14033852275");
    }
}
