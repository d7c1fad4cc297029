package dev.switchboard.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What makes two requests under one {@code Idempotency-Key} the same request. */
final class RequestFingerprint {

    private RequestFingerprint() {}

    /**
     * SHA-256 over the method, path, query and body. A JSON body is taken in canonical form (object keys sorted,
     * no whitespace), so the same request re-serialised by a client's retry still matches.
     */
    static String of(JsonMapper json, HttpServletRequest request, byte[] body) {
        String canonicalBody;
        try {
            JsonNode tree = json.readTree(body);
            canonicalBody = tree == null || tree.isMissingNode() ? "" : json.writeValueAsString(canonical(tree));
        } catch (JacksonException notJson) {
            canonicalBody = new String(body, StandardCharsets.UTF_8);
        }
        String text = request.getMethod() + " " + request.getRequestURI() + "?"
                + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n" + canonicalBody;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, @Nullable Object> sorted = new TreeMap<>();
            for (var entry : node.properties()) {
                sorted.put(entry.getKey(), canonical(entry.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            List<@Nullable Object> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(canonical(item));
            }
            return items;
        }
        return node;
    }
}
