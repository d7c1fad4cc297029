package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.connections.AccountConnectionView;
import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.TelephonyProviderName;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The ranking of docs/filters.md and the conversion of prices it compares. */
class NumberRankingTest {

    private final PriceConversion prices = new PriceConversion(new PricingProperties("USD",
            Map.of("EUR", new BigDecimal("1.10"), "CAD", new BigDecimal("0.70"))));

    private static AccountConnectionView connection(String id) {
        return new AccountConnectionView(UUID.fromString(id), UUID.randomUUID(), null, null, "account_connection_sandbox",
                Map.of(), List.of(), false, Map.of(), Instant.EPOCH, Instant.EPOCH);
    }

    private PhoneNumberView item(String number, TelephonyProviderName provider, String connectionId,
            @Nullable Money monthly, @Nullable Money setup, boolean bestEffort) {
        AvailableNumber n = new AvailableNumber(number, "US", NumberType.LOCAL, null, null, null, Capabilities.NONE, "any",
                monthly, bestEffort, null, setup);
        return AvailableNumbersService.inventoryView(n, provider, connection(connectionId), prices.convert(monthly, setup));
    }

    private static final String A = "00000000-0000-0000-0000-00000000000a";
    private static final String B = "00000000-0000-0000-0000-00000000000b";

    private List<PhoneNumberView> sample() {
        return List.of(
                item("+14155550001", TelephonyProviderName.TWILIO, A, null, null, false),
                item("+14155550002", TelephonyProviderName.VONAGE, A, new Money("1.00", "EUR"), null, false),  // 1.10
                item("+14155550003", TelephonyProviderName.TELNYX, A, new Money("1.10", "USD"), new Money("0.00", "USD"), false),
                item("+14155550004", TelephonyProviderName.SANDBOX, A, new Money("0.10", "USD"), null, true),  // near match
                item("+14155550005", TelephonyProviderName.SANDBOX, A, new Money("1.00", "CAD"), null, false), // 0.70
                item("+14155550006", TelephonyProviderName.SANDBOX, A, new Money("1.00", "JPY"), null, false), // no rate
                // the same number at two connections of one provider, and at two providers
                item("+14155550007", TelephonyProviderName.TELNYX, B, new Money("2.00", "USD"), null, false),
                item("+14155550007", TelephonyProviderName.TELNYX, A, new Money("2.00", "USD"), null, false),
                item("+14155550007", TelephonyProviderName.SANDBOX, A, new Money("2.00", "USD"), null, false));
    }

    private static List<String> order(List<PhoneNumberView> ranked) {
        return ranked.stream().map(v -> v.number().substring(8) + "/" + v.telephonyProvider() + "/"
                + v.telephonyAccountConnection().id().toString().substring(35)).toList();
    }

    private List<String> ranked(NumberSort.Search sort, long seed) {
        List<PhoneNumberView> items = new ArrayList<>(sample());
        Collections.shuffle(items, new Random(seed));
        items.sort(NumberRanking.by(sort));
        return order(items);
    }

    @Test
    void exactMatchesFirstThenCheapestMonthlyInOneCurrencyUnknownLastTiesBrokenByNumberProviderConnection() {
        assertThat(ranked(NumberSort.Search.MONTHLY_PRICE, 1)).containsExactly(
                "0005/sandbox/a",   // 1.00 CAD = 0.70 USD
                "0003/telnyx/a",    // 1.10 USD with a setup price of 0.00...
                "0002/vonage/a",    // ...before 1.00 EUR = 1.10 USD whose setup price is unknown
                "0007/sandbox/a", "0007/telnyx/a", "0007/telnyx/b",
                "0001/twilio/a", "0006/sandbox/a",   // unknown prices (none stated; JPY without a rate) by number
                "0004/sandbox/a");  // best-effort after every exact match, however cheap
    }

    @Test
    void theOrderDoesNotDependOnTheOrderTheProvidersAnsweredIn() {
        for (NumberSort.Search sort : NumberSort.Search.values()) {
            List<String> first = ranked(sort, 1);
            for (long seed = 2; seed < 30; seed++) {
                assertThat(ranked(sort, seed)).as("%s, seed %d", sort, seed).isEqualTo(first);
            }
        }
    }

    @Test
    void setupPriceAndNumberSorts() {
        assertThat(ranked(NumberSort.Search.SETUP_PRICE, 3).subList(0, 2)).containsExactly("0003/telnyx/a", "0005/sandbox/a");
        assertThat(ranked(NumberSort.Search.NUMBER, 3)).containsExactly("0001/twilio/a", "0002/vonage/a", "0003/telnyx/a",
                "0005/sandbox/a", "0006/sandbox/a", "0007/sandbox/a", "0007/telnyx/a", "0007/telnyx/b", "0004/sandbox/a");
    }

    @Test
    void convertsAtTheConfiguredRateRoundedToFourPlacesKeepingTheOriginal() {
        ConvertedPrice eur = prices.convert(new Money("0.333", "EUR"), new Money("1", "EUR"));
        assertThat(eur).isEqualTo(new ConvertedPrice("USD", "1.1", "0.3663", "1.10"));
        assertThat(prices.convert(new Money("1.15", "USD"), null)).isEqualTo(new ConvertedPrice("USD", "1", "1.15", null));
        assertThat(prices.convert(new Money("1.00", "JPY"), null)).as("no rate").isNull();
        assertThat(prices.convert(new Money("1.00", "EUR"), new Money("1.00", "USD"))).as("two currencies").isNull();
        assertThat(prices.convert(null, null)).isNull();
    }

    @Test
    void refusesRatesThatCannotBeRight() {
        assertThatThrownBy(() -> new PricingProperties("usd", Map.of("EUR", BigDecimal.ZERO)))
                .hasMessageContaining("switchboard.pricing.rates.EUR");
        assertThatThrownBy(() -> new PricingProperties("USD", Map.of("USD", new BigDecimal("2"))))
                .hasMessageContaining("must be 1");
        assertThatThrownBy(() -> new PricingProperties("dollars", Map.of())).hasMessageContaining("ISO 4217");
        assertThat(new PricingProperties("eur", Map.of("usd", new BigDecimal("0.9"))).rates()).containsKey("USD");
    }
}
