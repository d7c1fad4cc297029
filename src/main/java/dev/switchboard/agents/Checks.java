package dev.switchboard.agents;

import dev.switchboard.web.Ids;
import dev.switchboard.web.RequestErrors;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Field checks shared by the agents feature's requests. Each adds what is wrong to {@link RequestErrors} under
 * the field's name as the caller wrote it, so one 422 lists every problem of a request.
 */
final class Checks {

    static final int MAX_LABEL = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_URL = 2048;
    static final int MAX_JSON_OBJECT_CHARS = 16_384;
    private static final Pattern LANGUAGE = Pattern.compile("([a-z]{2})(?:-([A-Z]{2}|[0-9]{3}))?");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Checks() {}

    static void maxLength(String field, @Nullable String value, int max, RequestErrors errors) {
        if (value != null && value.length() > max) {
            errors.add(field, "must be at most " + max + " characters");
        }
    }

    static void labelAndDescription(@Nullable String label, @Nullable String description, RequestErrors errors) {
        maxLength("label", label, MAX_LABEL, errors);
        maxLength("description", description, MAX_DESCRIPTION, errors);
    }

    /** A required text: present, not blank, within {@code max} characters. */
    static void required(String field, @Nullable String value, int max, RequestErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required and must not be blank");
        } else {
            maxLength(field, value, max, errors);
        }
    }

    static void oneOf(String field, @Nullable String value, Collection<String> allowed, RequestErrors errors) {
        if (value != null && !allowed.contains(value)) {
            errors.add(field, "must be one of " + allowed);
        }
    }

    /** An absolute http or https URL with a host, as a webhook or context endpoint must be. */
    static void httpUrl(String field, @Nullable String value, RequestErrors errors) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_URL) {
            errors.add(field, "must be at most " + MAX_URL + " characters");
        } else if (!isHttpUrl(value)) {
            errors.add(field, "must be an absolute http or https URL such as https://example.com/hook");
        }
    }

    static boolean isHttpUrl(String value) {
        if (value.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static void range(String field, @Nullable Double value, double min, double max, RequestErrors errors) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            errors.add(field, "must be between " + min + " and " + max);
        }
    }

    static void range(String field, @Nullable Integer value, int min, int max, RequestErrors errors) {
        if (value != null && (value < min || value > max)) {
            errors.add(field, "must be between " + min + " and " + max);
        }
    }

    /** A language code: ISO 639-1 from the supported set, optionally with a region (en, en-US, es-419). */
    static void language(String field, @Nullable String value, RequestErrors errors) {
        if (value == null) {
            return;
        }
        var m = LANGUAGE.matcher(value);
        if (!m.matches() || !Vocabulary.LANGUAGES.contains(m.group(1))) {
            errors.add(field, "must be a supported language code (ISO 639-1, optionally with a region such as "
                    + "en-US): one of " + Vocabulary.LANGUAGES.stream().sorted().toList());
        }
    }

    /**
     * A list of distinct non-blank strings, each at most {@code maxLength} long and, when given, matching
     * {@code format}. Returns the list without nulls, or null when it was not sent.
     */
    static @Nullable List<String> strings(String field, @Nullable List<@Nullable String> values, int maxItems,
            int maxLength, @Nullable Pattern format, String formatHint, RequestErrors errors) {
        if (values == null) {
            return null;
        }
        if (values.size() > maxItems) {
            errors.add(field, "must hold at most " + maxItems + " items");
        }
        var seen = new HashSet<String>();
        var kept = new ArrayList<String>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            String path = field + "[" + i + "]";
            if (v == null || v.isBlank()) {
                errors.add(path, "must be a non-blank string");
            } else if (v.length() > maxLength) {
                errors.add(path, "must be at most " + maxLength + " characters");
            } else if (format != null && !format.matcher(v).matches()) {
                errors.add(path, "must be " + formatHint);
            } else if (!seen.add(v)) {
                errors.add(path, "repeats " + v);
            } else {
                kept.add(v);
            }
        }
        return kept;
    }

    /** A free-form JSON object: JSON nulls dropped, its text at most {@link #MAX_JSON_OBJECT_CHARS}. */
    static @Nullable Map<String, Object> object(String field, @Nullable Map<String, @Nullable Object> value,
            RequestErrors errors) {
        if (value == null) {
            return null;
        }
        var copy = new LinkedHashMap<String, Object>();
        value.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        if (JSON.writeValueAsString(copy).length() > MAX_JSON_OBJECT_CHARS) {
            errors.add(field, "must be at most " + MAX_JSON_OBJECT_CHARS + " characters of JSON");
        }
        return copy;
    }

    /**
     * A reference to another resource by id: null when not sent, empty when sent as {@code ""} (which clears it
     * on update), else the id; a malformed id is an error named after the field.
     */
    static @Nullable Reference reference(String field, String noun, @Nullable String value, RequestErrors errors) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            return Reference.NONE;
        }
        if (!Ids.isCanonical(value)) {
            errors.add(field, "must be the id (a UUID) of " + noun + " of yours, or \"\" for none");
            return null;
        }
        return new Reference(UUID.fromString(value));
    }

    static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** What a request says about a reference: an id, or none. */
    record Reference(@Nullable UUID id) {
        static final Reference NONE = new Reference(null);
    }
}
