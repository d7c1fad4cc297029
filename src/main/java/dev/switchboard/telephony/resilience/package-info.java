/**
 * What every adapter is wrapped in before the rest of Switchboard gets it from
 * {@link dev.switchboard.telephony.TelephonyProviders}: {@link
 * dev.switchboard.telephony.resilience.ResilientTelephonyProvider} orchestrates the deadline, retries, each account
 * connection's circuit breaker, each account's budget of calls a second, the coalescing cache of searches of numbers
 * on sale (with its Redis tier) and the metrics; the parts it uses never call back into it. Internal to the telephony
 * module: other modules see only the port's {@link dev.switchboard.telephony.TelephonyProvider}.
 */
@NullMarked
package dev.switchboard.telephony.resilience;

import org.jspecify.annotations.NullMarked;
