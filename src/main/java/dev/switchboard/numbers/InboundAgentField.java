package dev.switchboard.numbers;

import dev.switchboard.agents.AgentRequest;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * {@code inbound_agent} on buy and link, as the platform's SDK types it: an agent's id, {@code "default"}, or an
 * agent given inline (the body of {@code POST /v1/agents/create}), which is created with the number. Read here so
 * that a bad field inside the inline agent is named under {@code inbound_agent.} like any other body field.
 */
@JsonDeserialize(using = InboundAgentField.Reader.class)
sealed interface InboundAgentField {

    /** An id (or {@code "default"}), checked by the service like every other id in a body. */
    record Reference(String value) implements InboundAgentField {}

    /** An agent to create with the number. */
    record Inline(AgentRequest agent) implements InboundAgentField {}

    final class Reader extends ValueDeserializer<InboundAgentField> {
        @Override
        public InboundAgentField deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return new Reference(parser.getString());
            }
            if (token == JsonToken.START_OBJECT) {
                return new Inline(context.readValue(parser, AgentRequest.class));
            }
            return (InboundAgentField) context.handleUnexpectedToken(InboundAgentField.class, parser);
        }
    }
}
