/**
 * The telephony port: what Switchboard asks of a phone-number provider, in provider-neutral values,
 * and the typed faults a provider call can end in. One subpackage per adapter implements it; {@code http} holds the
 * HTTP plumbing the adapters share, and {@code resilience} the wrapper every adapter is handed out in by
 * {@link dev.switchboard.telephony.TelephonyProviders}. Other modules use this package only: the subpackages are
 * the module's internals.
 */
@NullMarked
package dev.switchboard.telephony;

import org.jspecify.annotations.NullMarked;
