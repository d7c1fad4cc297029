package dev.switchboard.numbers;

import dev.switchboard.telephony.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Converts the prices providers state (USD, EUR, CAD...) into the one currency searches rank by. */
@Component
class PriceConversion {

    /** Four places: enough to keep two prices a cent apart apart after conversion, few enough to read. */
    private static final int SCALE = 4;

    private final String currency;
    private final java.util.Map<String, BigDecimal> rates;

    PriceConversion(PricingProperties properties) {
        this.currency = properties.currency();
        this.rates = properties.rates();
    }

    String currency() {
        return currency;
    }

    /**
     * Both prices in the ranking currency; null when neither is stated, or when they are in a currency without a
     * configured rate (they cannot be compared, so they rank as unknown), or in two different currencies.
     */
    @Nullable ConvertedPrice convert(@Nullable Money monthly, @Nullable Money setup) {
        String from = monthly != null ? monthly.currency() : setup != null ? setup.currency() : null;
        if (from == null || (monthly != null && setup != null && !monthly.currency().equals(setup.currency()))) {
            return null;
        }
        BigDecimal rate = from.equals(currency) ? BigDecimal.ONE : rates.get(from);
        if (rate == null) {
            return null;
        }
        return new ConvertedPrice(currency, rate.stripTrailingZeros().toPlainString(), amount(monthly, rate),
                amount(setup, rate));
    }

    private static @Nullable String amount(@Nullable Money price, BigDecimal rate) {
        if (price == null) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(price.amount());
        } catch (NumberFormatException e) {
            return null; // adapters only pass decimals; a price that is not one is unknown, not a failure
        }
        BigDecimal converted = value.multiply(rate).setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return (converted.scale() < 2 ? converted.setScale(2, RoundingMode.UNNECESSARY) : converted).toPlainString();
    }
}
