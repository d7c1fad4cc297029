package dev.switchboard.agents;

import dev.switchboard.web.RequestErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A field a prompt asks the agent to collect, in the platform SDK's shape ({@code CollectField}):
 * {@code field_type} ({@code field_type_email}, the only kind the SDK knows), {@code label}, {@code name} and an
 * optional {@code description}. Prompts stored before took plain strings; such a string reads as a field whose
 * label and name are that string, and a request may still send one.
 */
public record CollectField(String fieldType, String label, String name, @Nullable String description) {

    static final List<String> FIELD_TYPES = List.of("field_type_email");
    private static final Set<String> KEYS = Set.of("field_type", "label", "name", "description");

    /** One stored (or sent) entry: an object in the SDK's shape, or a legacy string. */
    static CollectField read(Object stored) {
        if (stored instanceof Map<?, ?> m) {
            Object type = m.get("field_type");
            Object label = m.get("label");
            Object name = m.get("name");
            Object description = m.get("description");
            return new CollectField(type instanceof String t ? t : FIELD_TYPES.getFirst(),
                    label instanceof String l ? l : String.valueOf(name), String.valueOf(name),
                    description instanceof String d ? d : null);
        }
        String text = String.valueOf(stored);
        return new CollectField(FIELD_TYPES.getFirst(), text, text, null);
    }

    /** The request's list checked: each entry a string or an object; distinct names. Null when not sent. */
    static @Nullable List<CollectField> check(@Nullable List<@Nullable Object> sent, int maxItems, int maxLength,
            RequestErrors errors) {
        if (sent == null) {
            return null;
        }
        if (sent.size() > maxItems) {
            errors.add("collect_fields", "must hold at most " + maxItems + " items");
        }
        var kept = new ArrayList<CollectField>();
        var names = new HashSet<String>();
        for (int i = 0; i < sent.size(); i++) {
            String path = "collect_fields[" + i + "]";
            Object entry = sent.get(i);
            if (entry instanceof String s) {
                if (s.isBlank() || s.length() > maxLength) {
                    errors.add(path, "must be a non-blank string of at most " + maxLength + " characters");
                    continue;
                }
                entry = Map.of("name", s.strip(), "label", s.strip());
            }
            if (!(entry instanceof Map<?, ?> m)) {
                errors.add(path, "must be an object {field_type, label, name, description?}");
                continue;
            }
            boolean ok = true;
            for (Object key : m.keySet()) {
                if (!KEYS.contains(key)) {
                    errors.add(path + "." + key, "unknown field; expected any of " + KEYS);
                    ok = false;
                }
            }
            Object type = m.get("field_type");
            if (type != null && !FIELD_TYPES.contains(type)) {
                errors.add(path + ".field_type", "must be one of " + FIELD_TYPES);
                ok = false;
            }
            for (String key : List.of("label", "name")) {
                if (!(m.get(key) instanceof String v) || v.isBlank() || v.length() > maxLength) {
                    errors.add(path + "." + key, "is required: a non-blank string of at most " + maxLength
                            + " characters");
                    ok = false;
                }
            }
            Object description = m.get("description");
            if (description != null && (!(description instanceof String d) || d.length() > Checks.MAX_DESCRIPTION)) {
                errors.add(path + ".description", "must be a string of at most " + Checks.MAX_DESCRIPTION
                        + " characters");
                ok = false;
            }
            if (!ok) {
                continue;
            }
            CollectField field = read(m);
            if (!names.add(field.name())) {
                errors.add(path + ".name", "repeats " + field.name());
            } else {
                kept.add(new CollectField(field.fieldType(), field.label().strip(), field.name().strip(),
                        field.description()));
            }
        }
        return kept;
    }
}
