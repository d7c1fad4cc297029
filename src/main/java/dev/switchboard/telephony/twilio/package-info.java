/**
 * The Twilio adapter: Switchboard's telephony port over Twilio's REST API v2010 (AvailablePhoneNumbers and
 * IncomingPhoneNumbers). Twilio's wire models live here and never leave the package; everything above it sees
 * only the port's values and faults.
 */
@NullMarked
package dev.switchboard.telephony.twilio;

import org.jspecify.annotations.NullMarked;
