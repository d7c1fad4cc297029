package dev.switchboard.numbers;

import org.jspecify.annotations.Nullable;

/**
 * A number's prices in the one currency searches rank by ({@code switchboard.pricing.currency}), beside the
 * provider's own in {@link ProviderDetails}. Amounts are decimal strings rounded to four places; ranking compares
 * exactly these, so the order can be checked from the answer.
 *
 * @param rate how many units of {@code currency} one unit of the provider's currency was counted as ({@code "1"}
 *     when the provider priced it in {@code currency})
 * @param monthlyPrice the monthly price converted, null when the provider does not state one
 * @param setupPrice the one-time price converted, null when the provider does not state one
 */
public record ConvertedPrice(String currency, String rate, @Nullable String monthlyPrice, @Nullable String setupPrice) {}
