/**
 * The HTTP plumbing the provider adapters share: {@link dev.switchboard.telephony.http.ProviderHttp} (one pooled
 * client per provider, the deadline over a whole exchange, a cap on answers, transport failures as the port's faults)
 * and {@link dev.switchboard.telephony.http.RecordCreators} (how their wire records are read). Internal to the
 * telephony module: the adapter subpackages use it, no other module does.
 */
@NullMarked
package dev.switchboard.telephony.http;

import org.jspecify.annotations.NullMarked;
