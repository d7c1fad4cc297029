/** Switchboard: phone numbers for voice-AI agents, on the caller's own telephony accounts. */
@NullMarked
package dev.switchboard;

import org.jspecify.annotations.NullMarked;
