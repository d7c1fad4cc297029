package dev.switchboard.telephony.resilience;


/**
 * The calls of the port, as metrics and retries tell them apart.
 *
 * @param tag the value of the {@code operation} tag of the {@code switchboard.provider.*} metrics
 * @param idempotent whether asking again can change nothing at the provider, so a failed attempt may be retried
 */
enum ProviderOperation {
    SEARCH_INVENTORY("search_inventory", true),
    SEARCH_OWNED("search_owned", true),
    FIND_OWNED("find_owned", true),
    // Releasing a number the account no longer owns succeeds (the port says so), so a second release is harmless.
    RELEASE("release", true),
    // Pointing a number at a target sets values: setting them again changes nothing.
    ROUTE("route", true),
    READ_ROUTING("read_routing", true),
    // Buying is not idempotent at any provider: a retry after a lost answer could buy a second number.
    BUY("buy", false);

    private final String tag;
    private final boolean idempotent;

    ProviderOperation(String tag, boolean idempotent) {
        this.tag = tag;
        this.idempotent = idempotent;
    }

    String tag() {
        return tag;
    }

    boolean idempotent() {
        return idempotent;
    }
}
