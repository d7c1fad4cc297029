package dev.switchboard.numbers;

import dev.switchboard.agents.AgentView;
import dev.switchboard.connections.AccountConnectionView;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One phone number in the seed's item shape: every key always present, {@code null} where it does not apply,
 * plus the additive {@code provider_details}. Keys are written in the seed's order.
 *
 * @param inboundAgent the expanded agent that answers the number, null when none does
 * @param providerDetails what the provider says of the number: fresh from the provider in a search, as it said
 *     when the number was bought or linked for a held number (null if it was recorded without them)
 */
public record PhoneNumberView(
        @Nullable UUID id,
        @Nullable UUID userId,
        String number,
        boolean active,
        @Nullable String label,
        @Nullable String inboundAgentName,
        boolean outboundOnly,
        Map<String, Object> exampleContext,
        String telephonyProvider,
        AccountConnectionView telephonyAccountConnection,
        @Nullable String description,
        @Nullable AgentView inboundAgent,
        @Nullable ProviderDetails providerDetails,
        @Nullable RoutingView routing) {}
