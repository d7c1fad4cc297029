package dev.switchboard.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Checks an example JSON value against a schema of an OpenAPI 3.1 document, the way a client generated from the
 * document would read it: every key of every object must be described (a property, or a typed map's value), with a
 * type that admits the example's value; arrays are checked element by element, {@code $ref}, {@code anyOf} and
 * {@code oneOf} followed. It is deliberately stricter than JSON Schema: a schema that says nothing about an object
 * ({@code {}}) does not describe the keys the example has, and is reported, unless {@code untypedAllowed} accepts
 * the path.
 */
final class SchemaConformance {

    private final JsonNode document;
    private final Predicate<String> untypedAllowed;
    private final List<String> problems = new ArrayList<>();

    SchemaConformance(JsonNode document, Predicate<String> untypedAllowed) {
        this.document = document;
        this.untypedAllowed = untypedAllowed;
    }

    /** Every mismatch between the example and the schema, one line each naming the example's path. */
    List<String> check(JsonNode example, JsonNode schema) {
        problems.clear();
        problems.addAll(mismatches("$", example, schema));
        return List.copyOf(problems);
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("$ref cycle at " + schema);
            }
            String ref = current.get("$ref").asString();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local references are expected: " + ref);
            }
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            if (target.isMissingNode()) {
                throw new IllegalStateException("dangling reference " + ref);
            }
            current = target;
        }
        return current;
    }

    private List<String> mismatches(String path, JsonNode value, JsonNode rawSchema) {
        JsonNode schema = resolve(rawSchema);
        List<String> found = new ArrayList<>();
        for (String composition : List.of("anyOf", "oneOf")) {
            if (schema.has(composition)) {
                List<String> best = null;
                for (JsonNode branch : schema.get(composition)) {
                    List<String> branchProblems = mismatches(path, value, branch);
                    if (best == null || branchProblems.size() < best.size()) {
                        best = branchProblems;
                    }
                }
                if (best != null && !best.isEmpty()) {
                    found.addAll(best);
                }
                return found;
            }
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                found.addAll(mismatches(path, value, part));
            }
            return found;
        }
        Set<String> types = types(schema);
        if (types.isEmpty() && !schema.has("properties")) {
            if (value.isObject() && !value.isEmpty() && !untypedAllowed.test(path)) {
                found.add(path + ": the schema does not describe this object, whose keys are " + keys(value));
            }
            if (value.isArray() && !value.isEmpty() && !untypedAllowed.test(path)) {
                found.add(path + ": the schema does not describe this array");
            }
            return found;
        }
        String kind = kind(value);
        boolean admitted = types.contains(kind) || (kind.equals("integer") && types.contains("number"))
                || (types.isEmpty() && kind.equals("object"));
        if (!admitted) {
            found.add(path + ": the example is " + kind + " (" + value + ") but the schema allows " + types);
            return found;
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (String key : value.propertyNames()) {
                String keyPath = path + "." + key;
                if (properties.has(key)) {
                    found.addAll(mismatches(keyPath, value.get(key), properties.get(key)));
                } else if (additional.isObject()) {
                    found.addAll(mismatches(keyPath, value.get(key), additional));
                } else if (additional.isBoolean() && additional.asBoolean()) {
                    // a free-form map: any key
                } else {
                    found.add(keyPath + ": missing from the schema, which has " + keys(properties));
                }
            }
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                found.addAll(mismatches(path + "[" + i + "]", value.get(i), schema.path("items")));
            }
        }
        return found;
    }

    /** Whether the schema admits {@code null} (type list, or a branch of anyOf/oneOf that does). */
    boolean admitsNull(JsonNode rawSchema) {
        JsonNode schema = resolve(rawSchema);
        if (types(schema).contains("null")) {
            return true;
        }
        if (types(schema).isEmpty() && !schema.has("anyOf") && !schema.has("oneOf") && !schema.has("allOf")
                && !schema.has("properties") && !schema.has("enum") && !schema.has("const")) {
            return true; // says nothing, so admits anything, null included
        }
        for (String composition : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(composition)) {
                if (admitsNull(branch)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isString()) {
            return Set.of(type.asString());
        }
        Set<String> types = new java.util.HashSet<>();
        type.forEach(t -> types.add(t.asString()));
        return types;
    }

    private static String kind(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        return "string";
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.propertyNames().forEach(keys::add);
        return keys;
    }
}
