package dev.switchboard.telephony.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telephony.NumberType;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SandboxAccountsTest {

    private static final SandboxCatalogue CATALOGUE = SandboxCatalogue.load();
    private static final NumberingPlan PLAN = new NumberingPlan(CATALOGUE, 42L);
    private static final SandboxInventory INVENTORY = new SandboxInventory(CATALOGUE, PLAN);

    private final SandboxAccounts accounts = new SandboxAccounts(CATALOGUE, PLAN, INVENTORY);

    @Test
    void noConnectionOwnsANumberThatIsOnSale() {
        // Many connections, so that draws landing on an inventory number certainly happen and must be redrawn.
        for (int i = 0; i < 2_000; i++) {
            assertThat(accounts.starters(new UUID(42L, i)))
                    .hasSize(5)
                    .noneMatch(n -> INVENTORY.isOnSale(n.nationalNumber()));
        }
    }

    @Test
    void ownedNumbersRingOnTheExchangesOfTheirCity() {
        List<SandboxNumber> owned = accounts.starters(new UUID(1L, 2L));
        assertThat(owned).filteredOn(n -> n.rateCenter().type() == NumberType.LOCAL).hasSize(4).allSatisfy(n -> {
            int exchange = Integer.parseInt(n.nationalNumber().substring(3, 6));
            assertThat(PLAN.exchangesOf(n.rateCenter())).contains(exchange);
        });
    }

    @Test
    void concurrentFirstLookupsOfAConnectionSeeTheSameHoldings() throws Exception {
        UUID connection = UUID.fromString("5b0e3f2a-9c41-4d7e-8a2b-6f1c0d9e8b77");
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<SandboxNumber>> lookUp = () -> {
            start.await();
            return accounts.starters(connection);
        };
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<SandboxNumber>>> answers = IntStream.range(0, 16).mapToObj(i -> threads.submit(lookUp))
                    .toList();
            start.countDown();
            List<SandboxNumber> first = answers.getFirst().get();
            for (Future<List<SandboxNumber>> answer : answers) {
                assertThat(answer.get()).isSameAs(first);
            }
        }
    }
}
