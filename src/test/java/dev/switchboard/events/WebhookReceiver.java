package dev.switchboard.events;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver as a user would write one, on loopback: it checks each request's {@code Switchboard-Signature}
 * against the webhook's secret (written here from the README's description, not with Switchboard's code), answers
 * 500 to the first {@code failures} attempts of each event and 200 after, and keeps every request it got.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as it arrived. */
    record Received(String path, String eventId, String signatureHeader, boolean signatureValid, JsonNode body,
            int answered, Instant at) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attemptsByEvent = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            String signature = String.valueOf(exchange.getRequestHeaders().getFirst("Switchboard-Signature"));
            String eventId = String.valueOf(exchange.getRequestHeaders().getFirst("Switchboard-Event-Id"));
            boolean valid = verify(secrets.get(path), signature, body);
            int attempt = attemptsByEvent.computeIfAbsent(path + " " + eventId, k -> new AtomicInteger()).incrementAndGet();
            int status = !valid ? 400 : attempt <= failures.getOrDefault(path, 0) ? 500 : 200;
            received.add(new Received(path, eventId, signature, valid, JSON.readTree(body), status, Instant.now()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL of a path on this receiver; requests to it are checked with {@code secret} once {@link #expect} says. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Requests to {@code path} are signed with {@code secret}; the first {@code failures} attempts of each event get 500. */
    void expect(String path, String secret, int failures) {
        secrets.put(path, secret);
        this.failures.put(path, failures);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    List<Received> received(String path, Predicate<Received> which) {
        return received(path).stream().filter(which).toList();
    }

    /**
     * The check the README shows: t and v1 from the header, HMAC-SHA256 of t + "." + body with the secret, compared in
     * constant time, t no older than five minutes.
     */
    static boolean verify(String secret, String header, String body) {
        if (secret == null || header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > Duration.ofMinutes(5).toSeconds()) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(java.util.HexFormat.of().formatHex(expected).getBytes(StandardCharsets.UTF_8),
                    v1.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
