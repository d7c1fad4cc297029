package dev.switchboard.telephony.sandbox;

import java.time.Duration;
import dev.switchboard.telephony.Deadline;
import static dev.switchboard.telephony.SearchDraft.owned;
import static dev.switchboard.telephony.SearchDraft.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox as the provider that keeps the books: what one account buys is gone for every account and stays
 * bought across a restart (a new provider over the same database), what it releases goes back on sale. Run on the
 * embedded H2 and on PostgreSQL by the two subclasses.
 */
abstract class SandboxHoldingsContract {

    /** The deadline of each call: the sandbox answers from memory and its database, well within it. */
    static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(10));
    }


    private static final long SEED = 42L;

    /** The database under test, migrated; the same one for the whole class. */
    protected abstract DataSource database();

    /** One provider per class: drawing the inventory is the expensive part. */
    protected abstract SandboxTelephonyProvider sandbox();

    private final ProviderAccount buyer = account(UUID.randomUUID());
    private final ProviderAccount other = account(UUID.randomUUID());

    @BeforeEach
    void startFromTheSeedAlone() {
        SandboxDatabase.clear(database());
    }

    protected static SandboxTelephonyProvider newSandbox(DataSource database) {
        return new SandboxTelephonyProvider(SEED, database);
    }

    @Test
    void aNumberBoughtLeavesTheInventoryOfEveryAccountAndJoinsOnlyTheBuyers() {
        AvailableNumber offered = firstOnSale(other);

        AvailableNumber bought = sandbox().buy(buyer, offered.phoneNumber(), deadline());

        assertThat(bought.providerNumberId()).matches("SB[0-9a-f]{32}");
        assertThat(bought).usingRecursiveComparison().ignoringFields("providerNumberId").isEqualTo(offered);
        assertThat(phoneNumbers(sandbox().searchInventory(other, search().limit(100).build(), deadline())))
                .doesNotContain(offered.phoneNumber());
        assertThat(phoneNumbers(sandbox().searchOwned(buyer, owned().limit(100).build(), deadline())))
                .contains(offered.phoneNumber()).hasSize(4);
        assertThat(sandbox().findOwned(other, offered.phoneNumber(), deadline())).isEmpty();
        assertThatThrownBy(() -> sandbox().buy(other, offered.phoneNumber(), deadline()))
                .isInstanceOf(ProviderFault.NumberNotOnSale.class);
    }

    @Test
    void theCountOnSaleDropsByTheNumbersBought() {
        long before = sandbox().searchInventory(other, search().build(), deadline()).providerTotal();
        List<AvailableNumber> two = sandbox().searchInventory(other, search().limit(2).build(), deadline()).numbers();

        two.forEach(n -> sandbox().buy(buyer, n.phoneNumber(), deadline()));

        AvailableNumbersPage after = sandbox().searchInventory(other, search().build(), deadline());
        assertThat(after.providerTotal()).isEqualTo(before - 2);
        assertThat(phoneNumbers(after)).doesNotContainAnyElementsOf(phoneNumbers(new AvailableNumbersPage(two, null,
                false)));
    }

    @Test
    void afterARestartTheSandboxStillKnowsWhatEachAccountBoughtAndReleased() {
        String number = firstOnSale(buyer).phoneNumber();
        AvailableNumber bought = sandbox().buy(buyer, number, deadline());
        String starter = sandbox().searchOwned(buyer, owned().build(), deadline()).numbers().stream()
                .map(AvailableNumber::phoneNumber).filter(n -> !n.equals(number)).findFirst().orElseThrow();
        sandbox().release(buyer, starter, null, deadline());

        SandboxTelephonyProvider restarted = newSandbox(database());

        assertThat(restarted.findOwned(buyer, number, deadline())).map(AvailableNumber::providerNumberId)
                .contains(bought.providerNumberId());
        assertThat(restarted.findOwned(buyer, starter, deadline())).isEmpty();
        assertThat(phoneNumbers(restarted.searchInventory(other, search().limit(100).build(),
                deadline()))).doesNotContain(number);
        assertThatThrownBy(() -> restarted.buy(other, number,
                deadline())).isInstanceOf(ProviderFault.NumberNotOnSale.class);
    }

    @Test
    void aNumberReleasedGoesBackOnSaleForEveryAccount() {
        AvailableNumber offered = firstOnSale(other);
        AvailableNumber bought = sandbox().buy(buyer, offered.phoneNumber(), deadline());

        sandbox().release(buyer, offered.phoneNumber(), bought.providerNumberId(), deadline());

        assertThat(firstOnSale(other)).isEqualTo(offered);
        AvailableNumber again = sandbox().buy(other, offered.phoneNumber(), deadline());
        assertThat(again.providerNumberId()).as("a fresh id for a fresh sale").isNotEqualTo(bought.providerNumberId());
    }

    @Test
    void releasingWithAStaleIdReleasesNothing() {
        String number = firstOnSale(buyer).phoneNumber();
        AvailableNumber first = sandbox().buy(buyer, number, deadline());
        sandbox().release(buyer, number, first.providerNumberId(), deadline());
        AvailableNumber second = sandbox().buy(buyer, number, deadline());

        sandbox().release(buyer, number, first.providerNumberId(), deadline());

        assertThat(sandbox().findOwned(buyer, number, deadline())).map(AvailableNumber::providerNumberId)
                .contains(second.providerNumberId());
    }

    @Test
    void releasingAStarterNumberTakesItFromThatAccountOnlyAndNeverPutsItOnSale() {
        AvailableNumber starter = sandbox().searchOwned(buyer, owned().type(NumberType.TOLL_FREE).build(),
                deadline()).numbers()
                .getFirst();

        sandbox().release(buyer, starter.phoneNumber(), starter.providerNumberId(), deadline());
        sandbox().release(buyer, starter.phoneNumber(), null, deadline());

        assertThat(sandbox().searchOwned(buyer, owned().type(NumberType.TOLL_FREE).build(),
                deadline()).numbers()).isEmpty();
        assertThat(sandbox().searchOwned(buyer, owned().build(), deadline()).numbers()).hasSize(3);
        assertThatThrownBy(() -> sandbox().buy(buyer, starter.phoneNumber(), deadline()))
                .isInstanceOf(ProviderFault.NumberNotOnSale.class);
        assertThat(sandbox().searchOwned(other, owned().type(NumberType.TOLL_FREE).build(),
                deadline()).numbers()).hasSize(1);
    }

    @Test
    void buyingAnotherAccountsStarterOrANumberThatIsNotANanpNumberIsNotOnSale() {
        String theirs = sandbox().searchOwned(other, owned().build(), deadline()).numbers().getFirst().phoneNumber();

        for (String number : List.of(theirs, "+442079460321", "+1212", "14155550123", "+1212958010x")) {
            assertThatThrownBy(() -> sandbox().buy(buyer, number, deadline())).as(number)
                    .isInstanceOfSatisfying(ProviderFault.NumberNotOnSale.class,
                            f -> assertThat(f.phoneNumber()).isEqualTo(number));
        }
    }

    @Test
    void ofConcurrentBuyersOfOneNumberExactlyOneGetsIt() throws Exception {
        String number = firstOnSale(buyer).phoneNumber();
        CountDownLatch start = new CountDownLatch(1);
        List<ProviderAccount> buyers = IntStream.range(0, 8).mapToObj(i -> account(UUID.randomUUID())).toList();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AvailableNumber>> attempts = buyers.stream().map(b -> threads.submit((Callable<AvailableNumber>) () -> {
                start.await();
                return sandbox().buy(b, number, deadline());
            })).toList();
            start.countDown();
            int sold = 0;
            for (Future<AvailableNumber> attempt : attempts) {
                try {
                    attempt.get();
                    sold++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ProviderFault.NumberNotOnSale.class);
                }
            }
            assertThat(sold).isEqualTo(1);
        }
        assertThat(buyers.stream().filter(b -> sandbox().findOwned(b, number, deadline()).isPresent())).hasSize(1);
    }

    @Test
    void aSaleStandsWhenTheCallersOwnTransactionRollsBack() {
        String number = firstOnSale(buyer).phoneNumber();
        TransactionTemplate callers = new TransactionTemplate(new DataSourceTransactionManager(database()));

        callers.executeWithoutResult(status -> {
            sandbox().buy(buyer, number, deadline());
            assertThatThrownBy(() -> sandbox().buy(other, number,
                    deadline())).isInstanceOf(ProviderFault.NumberNotOnSale.class);
            status.setRollbackOnly();
        });

        assertThat(sandbox().findOwned(buyer, number, deadline())).isPresent();
    }

    private AvailableNumber firstOnSale(ProviderAccount account) {
        return sandbox().searchInventory(account, search().build(), deadline()).numbers().getFirst();
    }

    private static List<String> phoneNumbers(AvailableNumbersPage page) {
        return page.numbers().stream().map(AvailableNumber::phoneNumber).toList();
    }

    private static ProviderAccount account(UUID connectionId) {
        return new ProviderAccount(connectionId, new ProviderCredentials.Sandbox());
    }
}
