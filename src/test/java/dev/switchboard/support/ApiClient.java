package dev.switchboard.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running Switchboard over real HTTP, as a client would. */
public final class ApiClient {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** A response: status, headers and the body both raw and parsed (null when not JSON). */
    public record Response(int status, HttpResponse<String> raw, @Nullable JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** A request to this service, to be finished and passed to {@link #send}. */
    public HttpRequest.Builder builder(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
    }

    /**
     * Sends a GET with the request target exactly as given, bypassing {@link URI}'s checks, to test what a
     * careless client sends (e.g. {@code %ZZ}). Returns the status line and the raw body.
     */
    public String rawGet(String requestTarget, String token) {
        try (var socket = new java.net.Socket("127.0.0.1", URI.create(baseUrl).getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Response get(String pathAndQuery, @Nullable String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET(), token);
    }

    public Response get(String path, Map<String, String> query, @Nullable String token) {
        return get(path + "?" + query(query), token);
    }

    public Response post(String pathAndQuery, @Nullable String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    public Response post(String pathAndQuery, @Nullable String token, Object body) {
        return post(pathAndQuery, token, JSON.writeValueAsString(body));
    }

    public Response send(HttpRequest.Builder request, @Nullable String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new user through the admin endpoint; returns its API key. */
    public String newUser(String email) {
        Response r = post("/admin/v1/users", ADMIN_TOKEN, Map.of("email", email));
        if (r.status() != 201) {
            throw new IllegalStateException("creating a user answered " + r);
        }
        return r.json().get("api_key").asString();
    }

    /** A new account connection; returns its id. */
    public String newConnection(String token, Map<String, Object> body) {
        Response r = post("/v1/account_connections/create", token, body);
        if (r.status() != 200) {
            throw new IllegalStateException("creating a connection answered " + r);
        }
        return r.json().get("id").asString();
    }

    public String newSandboxConnection(String token) {
        return newConnection(token, Map.of("type", "account_connection_sandbox", "label", "Sandbox"));
    }

    public static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
