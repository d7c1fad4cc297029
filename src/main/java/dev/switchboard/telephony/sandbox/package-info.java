/**
 * The built-in {@code sandbox} provider: a deterministic, realistic North American number inventory (real area
 * codes, their states, provinces and cities, toll-free prefixes) drawn from a seed, so that Switchboard does its
 * main job on a fresh machine with no provider account. Only {@link dev.switchboard.telephony.sandbox.SandboxTelephonyProvider}
 * is public; the rest is how the sandbox keeps and searches its numbers.
 */
@NullMarked
package dev.switchboard.telephony.sandbox;

import org.jspecify.annotations.NullMarked;
