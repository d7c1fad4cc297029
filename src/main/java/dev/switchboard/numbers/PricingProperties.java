package dev.switchboard.numbers;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.pricing.*}: the one currency searches compare prices in, and what one unit of each other
 * currency is worth in it. Configured, not fetched: an operator who wants today's rates sets them.
 *
 * @param currency ISO 4217 code prices are converted to for ranking, {@code USD} by default
 * @param rates per ISO 4217 code, how many units of {@code currency} one unit of it is worth (e.g. {@code EUR: 1.08}
 *     with USD); a price in a currency without a rate here cannot be compared and ranks with unknown prices
 */
@ConfigurationProperties("switchboard.pricing")
public record PricingProperties(@DefaultValue("USD") String currency, Map<String, BigDecimal> rates) {

    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    public PricingProperties {
        currency = currency.strip().toUpperCase(Locale.ROOT);
        if (!ISO_4217.matcher(currency).matches()) {
            throw new IllegalArgumentException("switchboard.pricing.currency must be an ISO 4217 code such as USD");
        }
        var checked = new TreeMap<String, BigDecimal>();
        if (rates != null) {
            rates.forEach((code, rate) -> {
                String upper = code.strip().toUpperCase(Locale.ROOT);
                if (!ISO_4217.matcher(upper).matches()) {
                    throw new IllegalArgumentException("switchboard.pricing.rates." + code + ": not an ISO 4217 code");
                }
                if (rate == null || rate.signum() <= 0) {
                    throw new IllegalArgumentException("switchboard.pricing.rates." + code + " must be above 0");
                }
                checked.put(upper, rate);
            });
        }
        String target = currency;
        if (checked.containsKey(target) && checked.get(target).compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("switchboard.pricing.rates." + target + " must be 1 (or left out): it is"
                    + " the currency prices are converted to");
        }
        rates = Map.copyOf(checked);
    }
}
