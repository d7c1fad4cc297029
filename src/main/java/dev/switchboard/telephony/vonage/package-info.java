/**
 * The Vonage adapter: Switchboard's telephony port over Vonage's (formerly Nexmo's) Numbers API ({@code
 * /number/search}, {@code /account/numbers}). Vonage's wire models live here and never leave the package; everything
 * above it sees only the port's values and faults.
 */
@NullMarked
package dev.switchboard.telephony.vonage;

import org.jspecify.annotations.NullMarked;
