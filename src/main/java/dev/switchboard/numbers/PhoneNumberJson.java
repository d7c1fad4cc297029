package dev.switchboard.numbers;

import dev.switchboard.telephony.Capabilities;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes {@link PhoneNumberView} and its {@link ProviderDetails} field by field, as Jackson would from the records
 * (same keys, same order, every key present, {@code null} where empty), without going through a method handle for
 * each of their two dozen values. A search answers up to 100 of them, and Jackson 3's generic bean writing was a
 * fifth of a search's CPU (bench/RESULTS.md). {@code PhoneNumberJsonTest} holds this to Jackson's own output for the
 * records, so a component added to either record and not here fails the build.
 */
@Component
class PhoneNumberJson extends SimpleModule {

    PhoneNumberJson() {
        super("switchboard-phone-number-json");
        DetailsWriter details = new DetailsWriter();
        addSerializer(PhoneNumberView.class, new ViewWriter(details));
        addSerializer(ProviderDetails.class, details);
    }

    private static SerializableString key(String name) {
        return new SerializedString(name);
    }

    private static final SerializableString ID = key("id");
    private static final SerializableString USER_ID = key("user_id");
    private static final SerializableString NUMBER = key("number");
    private static final SerializableString ACTIVE = key("active");
    private static final SerializableString LABEL = key("label");
    private static final SerializableString INBOUND_AGENT_NAME = key("inbound_agent_name");
    private static final SerializableString OUTBOUND_ONLY = key("outbound_only");
    private static final SerializableString EXAMPLE_CONTEXT = key("example_context");
    private static final SerializableString TELEPHONY_PROVIDER = key("telephony_provider");
    private static final SerializableString TELEPHONY_ACCOUNT_CONNECTION = key("telephony_account_connection");
    private static final SerializableString DESCRIPTION = key("description");
    private static final SerializableString INBOUND_AGENT = key("inbound_agent");
    private static final SerializableString PROVIDER_DETAILS = key("provider_details");
    private static final SerializableString ROUTING = key("routing");

    private static final SerializableString COUNTRY = key("country");
    private static final SerializableString TYPE = key("type");
    private static final SerializableString REGION = key("region");
    private static final SerializableString LOCALITY = key("locality");
    private static final SerializableString POSTAL_CODE = key("postal_code");
    private static final SerializableString CAPABILITIES = key("capabilities");
    private static final SerializableString ADDRESS_REQUIREMENTS = key("address_requirements");
    private static final SerializableString MONTHLY_PRICE = key("monthly_price");
    private static final SerializableString SETUP_PRICE = key("setup_price");
    private static final SerializableString CONVERTED_PRICE = key("converted_price");
    private static final SerializableString CURRENCY = key("currency");
    private static final SerializableString RATE = key("rate");
    private static final SerializableString BEST_EFFORT_MATCH = key("best_effort_match");
    private static final SerializableString SANDBOX = key("sandbox");

    private static final SerializableString VOICE = key("voice");
    private static final SerializableString SMS = key("sms");
    private static final SerializableString MMS = key("mms");
    private static final SerializableString FAX = key("fax");

    private static final class ViewWriter extends ValueSerializer<PhoneNumberView> {
        private final DetailsWriter details;

        ViewWriter(DetailsWriter details) {
            this.details = details;
        }

        @Override
        public void serialize(PhoneNumberView view, JsonGenerator out, SerializationContext context) {
            out.writeStartObject(view);
            out.writeName(ID);
            uuid(out, view.id());
            out.writeName(USER_ID);
            uuid(out, view.userId());
            out.writeName(NUMBER);
            out.writeString(view.number());
            out.writeName(ACTIVE);
            out.writeBoolean(view.active());
            out.writeName(LABEL);
            out.writeString(view.label());
            out.writeName(INBOUND_AGENT_NAME);
            out.writeString(view.inboundAgentName());
            out.writeName(OUTBOUND_ONLY);
            out.writeBoolean(view.outboundOnly());
            out.writeName(EXAMPLE_CONTEXT);
            if (view.exampleContext().isEmpty()) { // as a search's items have it: no serializer to look up
                out.writeStartObject(view.exampleContext());
                out.writeEndObject();
            } else {
                value(out, context, view.exampleContext());
            }
            out.writeName(TELEPHONY_PROVIDER);
            out.writeString(view.telephonyProvider());
            out.writeName(TELEPHONY_ACCOUNT_CONNECTION);
            value(out, context, view.telephonyAccountConnection());
            out.writeName(DESCRIPTION);
            out.writeString(view.description());
            out.writeName(INBOUND_AGENT);
            value(out, context, view.inboundAgent());
            out.writeName(PROVIDER_DETAILS);
            if (view.providerDetails() == null) {
                out.writeNull();
            } else {
                details.serialize(view.providerDetails(), out, context);
            }
            out.writeName(ROUTING);
            value(out, context, view.routing());
            out.writeEndObject();
        }
    }

    private static final class DetailsWriter extends ValueSerializer<ProviderDetails> {
        @Override
        public void serialize(ProviderDetails details, JsonGenerator out, SerializationContext context) {
            out.writeStartObject(details);
            out.writeName(COUNTRY);
            out.writeString(details.country());
            out.writeName(TYPE);
            out.writeString(details.type());
            out.writeName(REGION);
            out.writeString(details.region());
            out.writeName(LOCALITY);
            out.writeString(details.locality());
            out.writeName(POSTAL_CODE);
            out.writeString(details.postalCode());
            out.writeName(CAPABILITIES);
            Capabilities capabilities = details.capabilities();
            out.writeStartObject(capabilities);
            out.writeName(VOICE);
            out.writeBoolean(capabilities.voice());
            out.writeName(SMS);
            out.writeBoolean(capabilities.sms());
            out.writeName(MMS);
            out.writeBoolean(capabilities.mms());
            out.writeName(FAX);
            out.writeBoolean(capabilities.fax());
            out.writeEndObject();
            out.writeName(ADDRESS_REQUIREMENTS);
            out.writeString(details.addressRequirements());
            out.writeName(MONTHLY_PRICE);
            value(out, context, details.monthlyPrice());
            out.writeName(SETUP_PRICE);
            value(out, context, details.setupPrice());
            out.writeName(CONVERTED_PRICE);
            ConvertedPrice converted = details.convertedPrice();
            if (converted == null) {
                out.writeNull();
            } else { // on every priced item of a search: written here rather than through a bean writer
                out.writeStartObject(converted);
                out.writeName(CURRENCY);
                out.writeString(converted.currency());
                out.writeName(RATE);
                out.writeString(converted.rate());
                out.writeName(MONTHLY_PRICE);
                out.writeString(converted.monthlyPrice());
                out.writeName(SETUP_PRICE);
                out.writeString(converted.setupPrice());
                out.writeEndObject();
            }
            out.writeName(BEST_EFFORT_MATCH);
            out.writeBoolean(details.bestEffortMatch());
            out.writeName(SANDBOX);
            out.writeBoolean(details.sandbox());
            out.writeEndObject();
        }
    }

    private static void uuid(JsonGenerator out, @Nullable UUID id) {
        if (id == null) {
            out.writeNull();
        } else {
            out.writeString(id.toString());
        }
    }

    /** Anything else as Jackson writes it, with the serializers of this mapper (the connection's included). */
    private static void value(JsonGenerator out, SerializationContext context, @Nullable Object value) {
        if (value == null) {
            out.writeNull();
        } else {
            context.writeValue(out, value);
        }
    }
}
