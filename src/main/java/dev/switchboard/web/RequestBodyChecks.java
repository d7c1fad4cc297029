package dev.switchboard.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where every JSON request body is checked for what no field may hold, whatever the endpoint: text
 * with control characters, bidirectional overrides or isolates, or unpaired surrogates (they hide or reorder what an
 * operator or another user sees, and break logs and terminals), and free-structure fields (a map, e.g. a connection's
 * {@code config}) larger than {@code switchboard.http.max-json-field-size}. It walks the body as bound (records,
 * maps, lists, JSON trees, strings), so a request record needs nothing of its own; each offence answers 422 naming
 * the field.
 * <p>
 * Tab, line feed and carriage return are allowed in fields whose text is legitimately multi-line ({@link
 * #MULTI_LINE}: prompt content, descriptions, an agent's first words) and in the values inside a free-structure
 * field, and refused in every other field (names, labels, ids, emails).
 */
@ControllerAdvice
class RequestBodyChecks extends RequestBodyAdviceAdapter {

    /** Fields, by JSON name, whose text may span lines. */
    static final Set<String> MULTI_LINE = Set.of("content", "description", "initial_message");

    private final long maxFieldBytes;
    private final JsonMapper json;

    RequestBodyChecks(HttpProperties properties, JsonMapper json) {
        this.maxFieldBytes = properties.maxJsonFieldSize().toBytes();
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        List<ParameterError> errors = new ArrayList<>();
        walk(body, "", false, true, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return body;
    }

    private void walk(@Nullable Object value, String path, boolean multiLine, boolean topLevel, List<ParameterError> errors) {
        switch (value) {
            case null -> { }
            case String text -> {
                String problem = TextRules.problem(text, multiLine);
                if (problem != null) {
                    errors.add(new ParameterError(path.isEmpty() ? "body" : path, problem));
                }
            }
            case Record record -> {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    String name = snakeCase(component.getName());
                    walk(read(component, record), join(path, name), MULTI_LINE.contains(name), false, errors);
                }
            }
            case Map<?, ?> map -> {
                if (!topLevel && !path.contains(".") && !path.contains("[")) {
                    // a free-structure field of the body: bounded as a whole, its text may span lines
                    long size = json.writeValueAsBytes(map).length;
                    if (size > maxFieldBytes) {
                        errors.add(new ParameterError(path, "is " + size + " bytes of JSON; at most " + maxFieldBytes
                                + " are accepted"));
                        return;
                    }
                }
                for (var entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    String keyProblem = TextRules.problem(key, false);
                    if (keyProblem != null) {
                        errors.add(new ParameterError(path.isEmpty() ? "body" : path, "has a key that " + keyProblem));
                        continue;
                    }
                    // the body's own fields by their name; inside a free-structure field, text may span lines
                    walk(entry.getValue(), join(path, key), topLevel ? MULTI_LINE.contains(key) : true, false, errors);
                }
            }
            // a body taken as a tree (e.g. an update that tells a field left out from a field set to null)
            case JsonNode tree -> walk(json.treeToValue(tree, Object.class), path, multiLine, topLevel, errors);
            case Collection<?> items -> {
                int i = 0;
                for (Object item : items) {
                    walk(item, path + "[" + i++ + "]", multiLine, false, errors);
                }
            }
            default -> { } // numbers, booleans, UUIDs, enums: nothing to refuse
        }
    }

    private static @Nullable Object read(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return null; // an accessor that cannot be read holds nothing the client sent
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The JSON name of a record component: the service writes and reads snake_case everywhere. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
