package dev.switchboard.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/**
 * The {@code detail} of every 422 in the shape the platform's generated SDK reads ({@code vocode-api} 0.0.48 parses a
 * 422 body as {@code {"detail": [{"loc": [...], "msg": ..., "type": ...}]}} and fails on anything else): one entry per
 * {@code errors} entry, its {@code loc} the parameter's path split into names and list indexes. RFC 9457 makes
 * {@code detail} a string; for 422 alone Switchboard departs from it (docs/design.md, "Errors"), and keeps
 * {@code type}, {@code title}, {@code status}, {@code errors} and {@code request_id} beside it as before.
 */
final class ValidationDetail {

    private ValidationDetail() {}

    /** The problem as answered: a 422's string detail replaced by the list, anything else as it is. */
    static ProblemDetail apply(ProblemDetail p) {
        if (p.getStatus() != 422) {
            return p;
        }
        String sentence = p.getDetail();
        String kind = kind(p);
        List<Map<String, Object>> entries = new ArrayList<>();
        if (!"validation-failed".equals(kind) && sentence != null) {
            // a problem of its own kind (credentials that no longer decrypt, a provider refusing) says what to do in
            // its sentence: it leads the list, so an SDK user reads it too
            entries.add(Map.of("loc", List.of("body"), "msg", sentence, "type", kind));
        }
        Object errors = p.getProperties() == null ? null : p.getProperties().get("errors");
        if (errors instanceof List<?> list && !list.isEmpty()) {
            for (Object e : list) {
                if (e instanceof ParameterError pe) {
                    entries.add(Map.of("loc", loc(pe.parameter()), "msg", pe.message(), "type", kind));
                }
            }
        }
        if (entries.isEmpty()) {
            // a 422 without a sentence or errors: its title
            entries.add(Map.of("loc", List.of("body"), "msg", sentence == null ? p.getTitle() : sentence,
                    "type", kind));
        }
        p.setDetail(null);
        p.setProperty("detail", List.copyOf(entries));
        return p;
    }

    /** {@code actions[2].config.phone_number} → {@code ["actions", 2, "config", "phone_number"]}. */
    static List<Object> loc(String parameter) {
        List<Object> loc = new ArrayList<>();
        for (String part : parameter.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!name.isEmpty()) {
                loc.add(name);
            }
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    loc.add(part.substring(bracket));
                    break;
                }
                String index = part.substring(bracket + 1, close);
                loc.add(index.chars().allMatch(Character::isDigit) && !index.isEmpty() && index.length() < 10
                        ? (Object) Integer.parseInt(index) : index);
                bracket = part.indexOf('[', close);
            }
        }
        return loc.isEmpty() ? List.of(parameter) : List.copyOf(loc);
    }

    private static String kind(ProblemDetail p) {
        String type = p.getType() == null ? "" : p.getType().toString();
        int colon = type.lastIndexOf(':');
        return colon < 0 ? "validation-failed" : type.substring(colon + 1);
    }
}
