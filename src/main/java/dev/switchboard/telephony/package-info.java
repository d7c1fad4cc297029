/**
 * The telephony port: what Switchboard asks of a phone-number provider, in provider-neutral values,
 * and the typed faults a provider call can end in. One subpackage per adapter implements it.
 */
@NullMarked
package dev.switchboard.telephony;

import org.jspecify.annotations.NullMarked;
