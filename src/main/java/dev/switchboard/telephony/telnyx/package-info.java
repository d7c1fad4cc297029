/**
 * The Telnyx adapter: Switchboard's telephony port over Telnyx's API v2 (number search and phone numbers).
 * Telnyx's wire models live here and never leave the package; everything above it sees only the port's values and
 * faults.
 */
@NullMarked
package dev.switchboard.telephony.telnyx;

import org.jspecify.annotations.NullMarked;
