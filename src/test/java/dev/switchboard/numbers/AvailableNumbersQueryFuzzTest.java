package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing (Jazzer, libFuzzer) of the query string of {@code GET /v1/numbers/available}, sent over
 * a socket to the running service on the sandbox provider, so Tomcat's query decoding, the parameter parsing and
 * {@link AvailableNumberQueryParser} are all in play: every query must answer 200 with a page, or a 4xx
 * {@code application/problem+json} with type, title, status and detail (for a 422 the SDK's list), never a 5xx.
 *
 * <p>Only fuzzes with {@code JAZZER_FUZZ=1}, in the surefire execution {@code fuzz} of its own (see README, "Fault
 * and fuzz tests"). An input's last byte picks its shape: even (a seed file ending in a newline) sends the rest as
 * a literal query string, {@code @conn} standing for the user's sandbox connection; odd builds the parameters
 * from the real names and the filter keys, with arbitrary values, encoded one of three ways.
 */
@TestPropertySource(properties = "logging.level.dev.switchboard.requests=WARN")
class AvailableNumbersQueryFuzzTest extends OnEmbeddedDatabase {

    private static final String PATH = "/v1/numbers/available";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // the seed's names, then names a client might guess (page and size are the list endpoint's), then any name
    private static final List<String> NAMES = List.of("telephony_provider", "telephony_account_connection", "limit",
            "filters", "account_connection_id", "source", "page", "size", "area_code", "", "\u0000");
    private static final List<String> PROVIDERS = List.of("sandbox", "twilio", "telnyx", "vonage", "Sandbox", " sandbox ");
    private static final List<String> FILTER_KEYS = AvailableNumberQueryParser.FILTER_KEYS;
    private static final List<String> WORDS = List.of("inventory", "account", "US", "us", "CA", "GB", "DE", "ZZ",
            "local", "toll_free", "mobile", "national", "415", "800", "212", "30", "2255", "CALL", "Flowers", "voice",
            "sms", "mms", "fax", "ON", "San Francisco", "94105", "M5V 2T6", "", " ", "0", "-1", "true");
    private static final List<String> NUMBERS = List.of("0", "-1", "1", "100", "101", "20.0", "1e999", "-0",
            "123456789012345678901234567890", "0.5", "1E2");
    // The sandbox connection of one user for the whole JVM: in regression mode @BeforeEach runs once per seed.
    private static @Nullable String key;
    private static @Nullable String connection;

    @LocalServerPort
    private int port;

    @BeforeEach
    void sandboxConnection() {
        if (key == null) {
            key = newUser();
            connection = api().newSandboxConnection(key);
        }
    }

    @DictionaryEntries({"telephony_provider=", "telephony_account_connection=", "limit=", "filters=", "@conn",
        "sandbox", "\"area_code\":", "\"contains\":", "\"capabilities\":[", "\"country\":", "\"type\":", "\"source\":",
        "\"best_effort\":true", "\"exclude_address_required\":", "\"region\":", "\"postal_code\":", "%7B", "%22", "%"})
    @FuzzTest(maxDuration = "30s")
    void everyQueryAnswers200OrAProblemNeverA5xx(FuzzedDataProvider data) {
        // The test talks to the service over loopback: tell Jazzer's server-side request forgery detector so, on
        // every run (an allowance made while replaying the seeds does not carry over into the fuzzing run).
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
        if (data.consumeBoolean()) {
            sendStructured(data);
        } else {
            String query = data.consumeRemainingAsAsciiString().strip().replace("@conn", connection);
            String target = PATH + "?" + requestLineSafe(query);
            check(target, rawGet(target));
        }
    }

    private void sendStructured(FuzzedDataProvider data) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (data.consumeBoolean()) {
            params.add(new SimpleEntry<>("telephony_provider", "sandbox"));
            params.add(new SimpleEntry<>("telephony_account_connection", connection));
        }
        if (data.consumeBoolean()) {
            params.add(new SimpleEntry<>("filters", value("filters", data)));
        }
        int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
            String name = data.pickValue(NAMES);
            if (name.isEmpty()) {
                name = data.consumeString(20);
            }
            params.add(new SimpleEntry<>(name, value(name, data)));
        }
        switch (data.consumeInt(0, 2)) {
            case 0 -> { // a form-encoding client: URLEncoder, space as '+'
                String target = PATH + "?" + join(params, v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
                check(target, api().get(target, key));
            }
            case 1 -> { // a strict client: every byte but the unreserved ones as %XX
                String target = PATH + "?" + join(params, AvailableNumbersQueryFuzzTest::percentEncode);
                check(target, api().get(target, key));
            }
            default -> { // a careless client: as typed, only what the request line cannot carry escaped
                String target = PATH + "?" + requestLineSafe(join(params, v -> v));
                check(target, rawGet(target));
            }
        }
    }

    private String value(String name, FuzzedDataProvider data) {
        return switch (name) {
            case "telephony_provider" -> data.consumeBoolean() ? data.pickValue(PROVIDERS) : data.consumeString(30);
            case "telephony_account_connection" -> switch (data.consumeInt(0, 2)) {
                case 0 -> connection;
                case 1 -> new UUID(data.consumeLong(), data.consumeLong()).toString();
                default -> data.consumeString(40);
            };
            case "limit" -> data.consumeBoolean() ? data.pickValue(NUMBERS) : data.consumeString(12);
            case "filters" -> data.consumeBoolean() ? filters(data) : data.consumeString(300);
            default -> data.consumeString(60);
        };
    }

    /** A JSON object of filter keys (now and then an unknown or repeated one) with values of any JSON type. */
    private static String filters(FuzzedDataProvider data) {
        StringBuilder json = new StringBuilder("{");
        int keys = data.consumeInt(0, 7);
        for (int i = 0; i < keys; i++) {
            if (i > 0) {
                json.append(',');
            }
            String k = data.consumeInt(0, 15) < FILTER_KEYS.size() ? data.pickValue(FILTER_KEYS) : data.consumeString(20);
            json.append(JSON.writeValueAsString(k)).append(':').append(jsonValue(data, 0));
        }
        json.append('}');
        if (data.consumeInt(0, 15) == 0) { // cut short: not JSON any more
            return json.substring(0, data.consumeInt(0, json.length()));
        }
        return json.toString();
    }

    private static String jsonValue(FuzzedDataProvider data, int depth) {
        return switch (data.consumeInt(0, depth < 2 ? 8 : 5)) {
            case 0, 1 -> JSON.writeValueAsString(data.pickValue(WORDS));
            case 2 -> JSON.writeValueAsString(data.consumeString(40));
            case 3 -> data.consumeBoolean() ? data.pickValue(NUMBERS) : Long.toString(data.consumeLong());
            case 4 -> Boolean.toString(data.consumeBoolean());
            case 5 -> "null";
            case 6 -> JSON.writeValueAsString("7".repeat(data.consumeInt(90, 4200))); // past the length limits
            case 7 -> {
                int n = data.consumeInt(0, 5);
                List<String> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(data.consumeBoolean() ? JSON.writeValueAsString(data.pickValue(List.of("voice", "sms",
                            "mms", "fax", "VOICE", ""))) : jsonValue(data, depth + 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            default -> "{" + JSON.writeValueAsString(data.consumeString(10)) + ":" + jsonValue(data, depth + 1) + "}";
        };
    }

    private static String join(List<Map.Entry<String, String>> params, java.util.function.UnaryOperator<String> encode) {
        return params.stream().map(p -> encode.apply(p.getKey()) + "=" + encode.apply(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            }
        }
        return out.toString();
    }

    /** Escapes only what cannot stand in an HTTP request line at all (space, controls, '#', non-ASCII). */
    private static String requestLineSafe(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** What the service answered: its status, media type and body, from either client. */
    private record Answer(int status, String contentType, String body) {}

    private void check(String target, Response r) {
        check(target, new Answer(r.status(), r.header("Content-Type") == null ? "" : r.header("Content-Type"), r.body()));
    }

    private void check(String target, Answer a) {
        String what = "GET " + target + " answered " + a.status() + " " + a.contentType() + " " + a.body();
        assertThat(a.status()).as(what).isLessThan(500).isGreaterThanOrEqualTo(200);
        if (a.status() == 200) {
            assertThat(a.contentType()).as(what).startsWith("application/json");
            assertThat(JSON.readTree(a.body()).get("items").isArray()).as(what).isTrue();
            return;
        }
        assertThat(a.status()).as(what).isBetween(400, 499);
        assertThat(a.contentType()).as(what).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(a.body());
        assertThat(body.get("type").isString()).as(what).isTrue();
        assertThat(body.get("title").isString()).as(what).isTrue();
        if (a.status() == 422) {
            // the platform SDK's HTTPValidationError: detail is a list of {loc, msg, type} (docs/design.md, Errors)
            assertThat(body.get("detail").isArray()).as(what).isTrue();
            assertThat(body.get("detail")).as(what).isNotEmpty().allSatisfy(d -> {
                assertThat(d.get("loc").isArray()).as(what).isTrue();
                assertThat(d.get("msg").isString()).as(what).isTrue();
                assertThat(d.get("type").isString()).as(what).isTrue();
            });
        } else {
            assertThat(body.get("detail").isString()).as(what).isTrue();
        }
        assertThat(body.get("status").asInt()).as(what).isEqualTo(a.status());
    }

    /** A GET with the request target exactly as given, over a plain socket (no URI checks on the client side). */
    private Answer rawGet(String target) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + key + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] raw = socket.getInputStream().readAllBytes();
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            assertThat(headEnd).as("GET " + target + " answered no HTTP response: " + text).isPositive();
            String[] head = text.substring(0, headEnd).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            String contentType = "";
            boolean chunked = false;
            for (String line : head) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).strip();
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            String body = text.substring(headEnd + 4);
            return new Answer(status, contentType, new String((chunked ? dechunk(body)
                    : body.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] dechunk(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.writeBytes(body.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
            at = lineEnd + 2 + size + 2;
        }
    }
}
