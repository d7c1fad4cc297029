package dev.switchboard.numbers;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The order of a search's numbers, documented in docs/filters.md ("Ranking"): exact matches before best-effort ones;
 * then the {@code sort} key, prices compared as {@code provider_details.converted_price} shows them, a price that is
 * unknown (not stated, or in a currency without a rate) after every known one; then the ties, broken so that the order
 * never depends on which provider answered first: monthly price, setup price, number, provider, connection id.
 */
final class NumberRanking {

    private NumberRanking() {}

    static Comparator<PhoneNumberView> by(NumberSort.Search sort) {
        Comparator<PhoneNumberView> exactFirst = Comparator.comparing(NumberRanking::bestEffort);
        Comparator<PhoneNumberView> monthly = price(ConvertedPrice::monthlyPrice);
        Comparator<PhoneNumberView> setup = price(ConvertedPrice::setupPrice);
        Comparator<PhoneNumberView> number = Comparator.comparing(PhoneNumberView::number);
        Comparator<PhoneNumberView> key = switch (sort) {
            case MONTHLY_PRICE -> monthly.thenComparing(setup);
            case SETUP_PRICE -> setup.thenComparing(monthly);
            case NUMBER -> number.thenComparing(monthly).thenComparing(setup);
        };
        return exactFirst.thenComparing(key)
                .thenComparing(number)
                .thenComparing(PhoneNumberView::telephonyProvider)
                .thenComparing(view -> view.telephonyAccountConnection().id().toString());
    }

    private static boolean bestEffort(PhoneNumberView view) {
        return view.providerDetails() != null && view.providerDetails().bestEffortMatch();
    }

    /** Cheapest first, unknown last. */
    private static Comparator<PhoneNumberView> price(Function<ConvertedPrice, @Nullable String> amount) {
        return Comparator.comparing(view -> converted(view, amount), Comparator.nullsLast(Comparator.naturalOrder()));
    }

    private static @Nullable BigDecimal converted(PhoneNumberView view, Function<ConvertedPrice, @Nullable String> amount) {
        ConvertedPrice price = view.providerDetails() == null ? null : view.providerDetails().convertedPrice();
        String value = price == null ? null : amount.apply(price);
        return value == null ? null : new BigDecimal(value);
    }
}
