package dev.switchboard.sdk;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of what the platform's SDK (vocode-api 0.0.48) parses, written for Switchboard from its pydantic
 * models ({@code src/test/resources/sdk/vocode-api-0.0.48.schema.json}); a model is checked by its name there.
 */
final class SdkSchema {

    private static final String RESOURCE = "/sdk/vocode-api-0.0.48.schema.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectNode DOCUMENT = read();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> BY_MODEL = new ConcurrentHashMap<>();

    private SdkSchema() {}

    /** What in {@code value} the SDK's model {@code model} would not parse; empty when it would. */
    static List<String> problems(String model, JsonNode value) {
        if (!DOCUMENT.get("$defs").has(model)) {
            throw new IllegalArgumentException("no model " + model + " in " + RESOURCE);
        }
        Schema schema = BY_MODEL.computeIfAbsent(model, m -> {
            ObjectNode wrapper = DOCUMENT.deepCopy();
            wrapper.put("$ref", "#/$defs/" + m);
            return REGISTRY.getSchema(wrapper.toString());
        });
        return schema.validate(value).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static ObjectNode read() {
        try (InputStream in = SdkSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
