package dev.switchboard.agents;

import dev.switchboard.web.RequestErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What each action type takes in {@code config}, and the shape of {@code action_trigger}. Unknown keys are refused
 * like unknown fields anywhere else, so a misspelt setting is never silently ignored.
 */
final class ActionConfigs {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    static final String PHRASE_CONDITION_CONTAINS = "phrase_condition_type_contains";

    private enum Kind { PHONE_NUMBER, FUNCTION_NAME, TEXT, URL, OBJECT, BOOLEAN }

    private record Key(String name, Kind kind, boolean required) {}

    private ActionConfigs() {}

    private static List<Key> keysOf(String type) {
        return switch (type) {
            case "action_transfer_call" -> List.of(new Key("phone_number", Kind.PHONE_NUMBER, true));
            case "action_add_to_conference" -> List.of(new Key("phone_number", Kind.PHONE_NUMBER, true),
                    new Key("place_primary_on_hold", Kind.BOOLEAN, false));
            case "action_external" -> List.of(new Key("name", Kind.FUNCTION_NAME, true),
                    new Key("description", Kind.TEXT, true), new Key("url", Kind.URL, true),
                    new Key("input_schema", Kind.OBJECT, false), new Key("speak_on_send", Kind.BOOLEAN, false),
                    new Key("speak_on_receive", Kind.BOOLEAN, false));
            default -> List.of(); // end_conversation, dtmf, set_hold take no settings
        };
    }

    /** The config checked against the type's keys; JSON nulls are dropped. */
    static Map<String, Object> config(String type, @Nullable Map<String, @Nullable Object> sent, RequestErrors errors) {
        List<Key> keys = keysOf(type);
        Map<String, Object> kept = new LinkedHashMap<>();
        Map<String, @Nullable Object> values = sent == null ? Map.of() : sent;
        values.forEach((name, value) -> {
            String field = "config." + name;
            Key key = keys.stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
            if (key == null) {
                errors.add(field, keys.isEmpty() ? "unknown key: " + type + " takes no config"
                        : "unknown key for " + type + "; expected " + keys.stream().map(Key::name).toList());
            } else if (value != null && check(field, key.kind(), value, errors)) {
                kept.put(name, value);
            }
        });
        for (Key key : keys) {
            if (key.required() && values.get(key.name()) == null) {
                errors.add("config." + key.name(), "is required for " + type);
            }
        }
        return kept;
    }

    private static boolean check(String field, Kind kind, Object value, RequestErrors errors) {
        String problem = switch (kind) {
            case PHONE_NUMBER -> value instanceof String s && E164.matcher(s).matches() ? null
                    : "must be an E.164 phone number such as +14155550123";
            case FUNCTION_NAME -> value instanceof String s && FUNCTION_NAME.matcher(s).matches() ? null
                    : "must be 1 to 64 letters, digits, _ or -";
            case TEXT -> value instanceof String s && !s.isBlank() && s.length() <= Checks.MAX_DESCRIPTION ? null
                    : "must be a non-blank string of at most " + Checks.MAX_DESCRIPTION + " characters";
            case URL -> value instanceof String s && Checks.isHttpUrl(s) ? null
                    : "must be an absolute http or https URL such as https://example.com/hook";
            case OBJECT -> value instanceof Map<?, ?> ? null : "must be a JSON object";
            case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
        };
        if (problem != null) {
            errors.add(field, problem);
        }
        return problem == null;
    }

    /**
     * The trigger: {@code {}} (the model decides when to call the action, as a function call), or
     * {@code {"type": "action_trigger_function_call"}}, or {@code {"type": "action_trigger_phrase_based",
     * "config": {"phrase_triggers": [{"phrase": "...", "conditions": ["phrase_condition_type_contains"]}]}}}.
     */
    static Map<String, Object> trigger(@Nullable Map<String, @Nullable Object> sent, RequestErrors errors) {
        if (sent == null || sent.isEmpty()) {
            return Map.of();
        }
        for (String key : sent.keySet()) {
            if (!key.equals("type") && !key.equals("config")) {
                errors.add("action_trigger." + key, "unknown key; expected [type, config]");
            }
        }
        Object type = sent.get("type");
        if (!(type instanceof String t) || !Vocabulary.ACTION_TRIGGER_TYPES.contains(t)) {
            errors.add("action_trigger.type", "must be one of " + Vocabulary.ACTION_TRIGGER_TYPES);
            return Map.of();
        }
        Object config = sent.get("config");
        if (config != null && !(config instanceof Map<?, ?>)) {
            errors.add("action_trigger.config", "must be a JSON object");
            return Map.of();
        }
        Map<?, ?> configMap = config == null ? Map.of() : (Map<?, ?>) config;
        if (t.equals("action_trigger_function_call")) {
            if (!configMap.isEmpty()) {
                errors.add("action_trigger.config", "must be empty for action_trigger_function_call");
            }
        } else {
            for (Object key : configMap.keySet()) {
                if (!"phrase_triggers".equals(key)) {
                    errors.add("action_trigger.config." + key, "unknown key; expected [phrase_triggers]");
                }
            }
            Object triggers = configMap.get("phrase_triggers");
            if (!(triggers instanceof List<?> list) || list.isEmpty()) {
                errors.add("action_trigger.config.phrase_triggers", "is required: a non-empty list of "
                        + "{\"phrase\": ..., \"conditions\": [\"" + PHRASE_CONDITION_CONTAINS + "\"]}");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    phraseTrigger("action_trigger.config.phrase_triggers[" + i + "]", list.get(i), errors);
                }
            }
        }
        var kept = new LinkedHashMap<String, Object>();
        kept.put("type", t);
        kept.put("config", configMap);
        return kept;
    }

    private static void phraseTrigger(String field, @Nullable Object value, RequestErrors errors) {
        if (!(value instanceof Map<?, ?> trigger)) {
            errors.add(field, "must be a JSON object with a phrase");
            return;
        }
        for (Object key : trigger.keySet()) {
            if (!"phrase".equals(key) && !"conditions".equals(key)) {
                errors.add(field + "." + key, "unknown key; expected [phrase, conditions]");
            }
        }
        if (!(trigger.get("phrase") instanceof String phrase) || phrase.isBlank() || phrase.length() > Checks.MAX_LABEL) {
            errors.add(field + ".phrase", "must be a non-blank string of at most " + Checks.MAX_LABEL + " characters");
        }
        Object conditions = trigger.get("conditions");
        if (conditions != null && (!(conditions instanceof List<?> list)
                || list.stream().anyMatch(c -> !PHRASE_CONDITION_CONTAINS.equals(c)))) {
            errors.add(field + ".conditions", "must be a list of [" + PHRASE_CONDITION_CONTAINS + "]");
        }
    }
}
