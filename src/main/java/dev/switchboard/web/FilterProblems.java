package dev.switchboard.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem detail from a servlet filter, which answers before Spring MVC and its {@link ProblemHandler}:
 * the same shape and types, for refusals that must happen before the request goes any further.
 */
final class FilterProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FilterProblems() {}

    static void write(HttpServletResponse response, ProblemType type, HttpStatus status, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", status.value());
        body.put("detail", detail);
        String requestId = RequestIds.current();
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
