package dev.switchboard.connections;

import java.io.StringWriter;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Writes an account connection that one response repeats (the seed's search item carries the whole connection in
 * each of up to 100 items) once, and copies its JSON text for every repeat. The connection is the same object in
 * each item of a response, so the repeat is recognised by identity, within that one response only.
 *
 * <p>The connection's UUIDs and timestamps were most of the time spent writing a page of 20 numbers
 * (bench/RESULTS.md). The text is made by the serializer Jackson built for the view, so it is exactly what it
 * would have written; only indentation is not repeated, and the API never indents.
 */
@Component
class RepeatedViewJson extends SimpleModule {

    RepeatedViewJson() {
        super("switchboard-repeated-connection-view");
        setSerializerModifier(new ValueSerializerModifier() {
            @Override
            public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier bean,
                    ValueSerializer<?> serializer) {
                return bean.getBeanClass() == AccountConnectionView.class
                        ? new WrittenOnce(castView(serializer))
                        : serializer;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static ValueSerializer<AccountConnectionView> castView(ValueSerializer<?> serializer) {
        return (ValueSerializer<AccountConnectionView>) serializer;
    }

    /** The last view one response wrote and its text: the response's attribute under {@link WrittenOnce}. */
    private record Written(AccountConnectionView view, SerializedString json) {}

    private static final class WrittenOnce extends ValueSerializer<AccountConnectionView> {
        private static final JsonFactory TEXT = new JsonFactory();
        private final ValueSerializer<AccountConnectionView> bean;

        WrittenOnce(ValueSerializer<AccountConnectionView> bean) {
            this.bean = bean;
        }

        @Override
        public void serialize(AccountConnectionView view, JsonGenerator out, SerializationContext context) {
            if (context.getAttribute(WrittenOnce.class) instanceof Written last && last.view() == view) {
                out.writeRawValue(last.json());
                return;
            }
            TokenBuffer tokens = context.bufferForValueConversion();
            bean.serialize(view, tokens, context);
            StringWriter text = new StringWriter(512);
            try (JsonGenerator writer = TEXT.createGenerator(ObjectWriteContext.empty(), text)) {
                tokens.serialize(writer);
            }
            SerializedString json = new SerializedString(text.toString());
            context.setAttribute(WrittenOnce.class, new Written(view, json));
            out.writeRawValue(json);
        }

        @Override
        public ValueSerializer<?> createContextual(SerializationContext context,
                tools.jackson.databind.BeanProperty property) {
            ValueSerializer<?> contextual = bean.createContextual(context, property);
            return contextual == bean ? this : new WrittenOnce(castView(contextual));
        }

        @Override
        public void resolve(SerializationContext context) {
            bean.resolve(context);
        }

        @Override
        public Class<?> handledType() {
            return AccountConnectionView.class;
        }
    }
}
