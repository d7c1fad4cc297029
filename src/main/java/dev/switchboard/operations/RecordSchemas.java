package dev.switchboard.operations;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Describes records the way Switchboard's JSON writes them, which swagger-core (on Jackson 2, blind to Spring's
 * Jackson 3 settings) cannot know: {@code snake_case} keys, {@code null} allowed exactly where a component is
 * JSpecify-{@code @Nullable}, and every other component required. Runs before swagger-core's own resolver and
 * rewrites what it produced, so nested records (resolved through the same chain) come out the same way.
 */
final class RecordSchemas implements ModelConverter {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public @Nullable Schema resolve(AnnotatedType annotatedType, ModelConverterContext context,
            Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema resolved = chain.next().resolve(annotatedType, context, chain);
        Class<?> raw = rawClass(annotatedType);
        if (resolved == null || raw == null || !raw.isRecord()) {
            return resolved;
        }
        // Asked for as a reference, the resolver answers a $ref and keeps the model in the context: fix that one.
        Schema schema = resolved.get$ref() == null ? resolved
                : context.getDefinedModels().get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
        if (schema != null && schema.getProperties() != null) {
            describeAsWritten(raw, schema);
        }
        return resolved;
    }

    /** Idempotent: a model met twice (as itself and through a reference) comes out the same. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describeAsWritten(Class<?> raw, Schema schema) {
        Map<String, Schema> byJavaName = schema.getProperties();
        Map<String, Schema> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : raw.getRecordComponents()) {
            String jsonName = jsonName(component);
            Schema property = byJavaName.containsKey(component.getName()) ? byJavaName.get(component.getName())
                    : byJavaName.get(jsonName);
            if (property == null) {
                continue; // ignored by Jackson (@JsonIgnore)
            }
            boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            properties.put(jsonName, nullable ? nullable(property) : property);
            if (!nullable) {
                required.add(jsonName);
            }
        }
        // keep what swagger-core found that is not a component (none today), under its own name
        byJavaName.forEach((name, property) -> {
            boolean isComponent = false;
            for (RecordComponent c : raw.getRecordComponents()) {
                isComponent |= c.getName().equals(name) || jsonName(c).equals(name);
            }
            if (!isComponent) {
                properties.putIfAbsent(name, property);
            }
        });
        schema.setProperties(properties);
        schema.setRequired(required.isEmpty() ? null : required);
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty explicit = component.getAnnotation(JsonProperty.class);
        if (explicit == null && component.getAccessor() != null) {
            explicit = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        if (explicit != null && !explicit.value().isEmpty()) {
            return explicit.value();
        }
        return SNAKE_CASE.translate(component.getName());
    }

    /** The same schema that also admits {@code null}, in OpenAPI 3.1's JSON Schema terms. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema nullable(Schema property) {
        if (property.getAnyOf() != null && property.getAnyOf().stream()
                .anyMatch(s -> s instanceof Schema<?> branch && branch.getTypes() != null && branch.getTypes().contains("null"))) {
            return property;
        }
        if (property.get$ref() != null) {
            return new JsonSchema().anyOf(List.of(property, new JsonSchema().types(Set.of("null"))));
        }
        Set<String> types = property.getTypes() != null ? new LinkedHashSet<>(property.getTypes())
                : property.getType() != null ? new LinkedHashSet<>(Set.of(property.getType())) : null;
        if (types == null) {
            return property; // untyped: null is already allowed
        }
        types.add("null");
        property.setTypes(types);
        return property;
    }

    private static @Nullable Class<?> rawClass(AnnotatedType annotatedType) {
        if (annotatedType.getType() == null) {
            return null;
        }
        JavaType type = annotatedType.getType() instanceof JavaType j ? j : Json.mapper().constructType(annotatedType.getType());
        return type.getRawClass();
    }
}
