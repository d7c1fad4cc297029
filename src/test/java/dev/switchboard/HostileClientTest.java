package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.RawHttp;
import dev.switchboard.support.RawHttp.Body;
import dev.switchboard.support.ServiceProcess;
import dev.switchboard.support.TempDirs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Switchboard as a hostile client on the open internet finds it: the service in its own JVM with a 256 MB heap
 * ({@link ServiceProcess}), on its shipped limits (20 requests a second per key, bursts of 40; 30 failed
 * authentications a minute per address; 1 MB bodies; a 10 s connection timeout), called over raw sockets.
 * Bodies of 300 MB are generated as they are sent, never held by the test.
 */
class HostileClientTest {

    private static final long MB = 1024 * 1024;
    private static final long HUGE = 300 * MB;
    /**
     * What a server that does not keep a refused body can have let through: the socket buffers of both ends and
     * Tomcat's swallow of an unread body (2 MB) before it closes the connection. A server that read the body to the
     * end would have taken all 300 MB.
     */
    private static final long MOST_ACCEPTED = 32 * MB;

    private static ServiceProcess service;
    private static Path dataDir;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        dataDir = TempDirs.dataDirDeletedOnExit("switchboard-hostile");
        service = ServiceProcess.start(ServiceProcess.logFile("HostileClientTest"), List.of(
                "--switchboard.data-dir=" + dataDir, "--switchboard.admin-token=" + ApiClient.ADMIN_TOKEN,
                // the shipped budget, named so that ServiceProcess does not lift it as it does for other tests
                "--switchboard.rate-limit.per-key-per-second=20",
                // small quotas, so that reaching each is quick (the shipped ones are in the hundreds and thousands)
                "--switchboard.quotas.connections-per-user=2", "--switchboard.quotas.agents-per-user=1",
                "--switchboard.quotas.numbers-per-user=1"), Map.of(), Duration.ofMinutes(3));
        api = service.api();
        // warm the paths the timed exchanges take, so they measure the refusal rather than the first class loading
        for (int i = 0; i < 3; i++) {
            RawHttp.exchange(service.port(), null, post("/v1/account_connections/create", null, null), new Body(2, false));
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aHugeBodyWithoutAuthenticationIsRefusedWithinASecondAndNeverKept() {
        long heapBefore = heapUsed();
        List<String> seen = new ArrayList<>();
        for (String path : List.of("/v1/numbers/buy", "/v1/account_connections/create", "/admin/v1/users")) {
            for (boolean idempotencyKey : List.of(false, true)) {
                for (boolean chunked : List.of(false, true)) {
                    String head = post(path, idempotencyKey ? UUID.randomUUID().toString() : null,
                            path.startsWith("/admin") ? "Bearer not-the-admin-token" : null);
                    RawHttp.Answer answer = RawHttp.exchange(service.port(), "127.0.0.11", head, new Body(HUGE, chunked));
                    String what = path + (idempotencyKey ? " with" : " without") + " Idempotency-Key, "
                            + (chunked ? "chunked" : "Content-Length") + ": " + answer.status() + " in "
                            + answer.millis() + " ms after " + answer.bytesSent() / MB + " MB";
                    seen.add(what);
                    assertThat(answer.status()).as(what).isIn(401, 413);
                    assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
                    assertThat(answer.millis()).as(what).isLessThan(1_000);
                    assertThat(answer.bytesSent()).as(what).isLessThan(MOST_ACCEPTED);
                }
            }
        }
        long heapAfter = heapUsed();
        assertThat(service.isAlive()).isTrue();
        assertThat(heapAfter - heapBefore).as("heap used before %d MB, after %d MB; %s", heapBefore / MB,
                heapAfter / MB, seen).isLessThan(64 * MB);
        System.out.printf("12 bodies of 300 MB refused; heap used %d MB before, %d MB after%n  %s%n",
                heapBefore / MB, heapAfter / MB, String.join("\n  ", seen));
    }

    @Test
    void anAuthenticatedBodyOverTheLimitIsRefused413WhileItStreams() {
        String key = api.newUser("big-" + UUID.randomUUID() + "@example.com");
        for (String path : List.of("/v1/account_connections/create", "/v1/numbers/buy")) {
            for (boolean chunked : List.of(false, true)) {
                RawHttp.Answer answer = RawHttp.exchange(service.port(), null,
                        post(path, path.endsWith("buy") ? UUID.randomUUID().toString() : null, "Bearer " + key),
                        new Body("{\"label\": \"", 20 * MB, chunked)); // a JSON string the parser reads on and on
                String what = path + (chunked ? " chunked" : " with Content-Length") + ": " + answer;
                assertThat(answer.status()).as(what).isEqualTo(413);
                assertThat(answer.body()).as(what).contains("urn:switchboard:problem:payload-too-large");
                assertThat(answer.bytesSent()).as(what).isLessThan(MOST_ACCEPTED);
            }
        }
        // just under the limit is read and judged on its content
        RawHttp.Answer small = RawHttp.exchange(service.port(), null,
                post("/v1/account_connections/create", null, "Bearer " + key), new Body(1000, true));
        assertThat(small.status()).as(small.toString()).isEqualTo(422);
    }

    @Test
    void aSlowLorisHoldsNoWorkerAndIsDroppedAfterTheConnectionTimeout() throws Exception {
        List<Socket> loris = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", service.port()), 5_000);
                socket.getOutputStream().write("GET /v1/api_keys/list HTTP/1.1\r\nHost: x\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                loris.add(socket);
            }
            // while they trickle, everyone else is served at once
            String key = api.newUser("loris-" + UUID.randomUUID() + "@example.com");
            long start = System.nanoTime();
            assertThat(api.get("/v1/api_keys/list", key).status()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
            for (Socket socket : loris) {
                socket.getOutputStream().write('a'); // one more byte each: still not a whole header
                socket.getOutputStream().flush();
            }
            // then they fall silent: the server closes each after server.tomcat.connection-timeout (10 s)
            long silentSince = System.nanoTime();
            for (Socket socket : loris) {
                socket.setSoTimeout(25_000);
                InputStream in = socket.getInputStream();
                int first;
                try {
                    first = in.read();
                } catch (SocketTimeoutException stillOpen) {
                    throw new AssertionError("a silent connection was still open 25 s later", stillOpen);
                } catch (IOException reset) {
                    first = -1;
                }
                // Tomcat may answer 400 before it closes; either way the connection ends
                if (first >= 0) {
                    in.readAllBytes();
                }
            }
            long closedAfter = (System.nanoTime() - silentSince) / 1_000_000;
            System.out.println("100 slow-loris connections closed " + closedAfter + " ms after they fell silent");
            assertThat(closedAfter).isBetween(5_000L, 25_000L);
        } finally {
            for (Socket socket : loris) {
                socket.close();
            }
        }
    }

    @Test
    void aPreflightIsRefusedWithAProblemWhenCorsIsOff() {
        RawHttp.Answer answer = RawHttp.exchange(service.port(), null, "OPTIONS /v1/numbers/list HTTP/1.1\r\nHost: x"
                + "\r\nOrigin: https://evil.example\r\nAccess-Control-Request-Method: GET"
                + "\r\nAccess-Control-Request-Headers: authorization\r\nConnection: close", null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.body()).contains("urn:switchboard:problem:cors-not-allowed");
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aBurstOverTheKeysBudgetGets429WithRetryAfterAndRateLimitHeaders() throws Exception {
        String key = api.newUser("burst-" + UUID.randomUUID() + "@example.com");
        ApiClient.Response first = api.get("/v1/api_keys/list", key);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"api-key\";q=40;w=2");
        assertThat(first.header("RateLimit")).matches("\"api-key\";r=39;t=\\d+");
        List<ApiClient.Response> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ApiClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit(() -> api.get("/v1/api_keys/list", key)));
            }
            for (var call : calls) {
                answers.add(call.get());
            }
        }
        var refused = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(refused).as("200 requests at once on a budget of 40").isNotEmpty();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(200, 429));
        ApiClient.Response one = refused.getFirst();
        assertThat(Integer.parseInt(one.header("Retry-After"))).isBetween(1, 2);
        assertThat(one.header("RateLimit")).matches("\"api-key\";r=0;t=\\d+");
        assertThat(one.header("RateLimit-Policy")).isEqualTo("\"api-key\";q=40;w=2");
        assertThat(one.json().get("type").asString()).isEqualTo("urn:switchboard:problem:rate-limited");
    }

    @Test
    void aRevokedKeyAnswers401OnItsNextCall() {
        String first = api.newUser("revoke-" + UUID.randomUUID() + "@example.com");
        ApiClient.Response created = api.post("/v1/api_keys/create", first, "");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String second = created.json().get("api_key").asString();
        String secondId = created.json().get("id").asString();
        assertThat(api.get("/v1/api_keys/list", second).status()).isEqualTo(200); // now cached on this instance
        assertThat(api.post("/v1/api_keys/revoke?id=" + secondId, first, "").status()).isEqualTo(200);
        ApiClient.Response refused = api.get("/v1/api_keys/list", second);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void controlCharactersInAStoredTextAnswer422NamingTheField() {
        String key = api.newUser("text-" + UUID.randomUUID() + "@example.com");
        ApiClient.Response answer = api.post("/v1/account_connections/create", key,
                "{\"type\": \"account_connection_sandbox\", \"label\": \"Front\\u0000desk\\u0007\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.json().get("errors").get(0).get("parameter").asString()).isEqualTo("label");
        assertThat(api.get("/v1/account_connections/list", key).json().get("items")).isEmpty();
    }

    @Test
    void failedAuthenticationsFromOneAddressAreThrottledWithoutADatabaseQuery() {
        String address = "127.0.0.77";
        String known = api.newUser("known-" + UUID.randomUUID() + "@example.com");
        RawHttp.Answer served = RawHttp.exchange(service.port(), address, get("/v1/api_keys/list", known), null);
        assertThat(served.status()).isEqualTo(200);
        for (int i = 0; i < 30; i++) {
            RawHttp.Answer answer = RawHttp.exchange(service.port(), address,
                    get("/v1/api_keys/list", "sb_guess" + i), null);
            assertThat(answer.status()).as("bad key %d", i).isEqualTo(401);
        }
        double queriesBefore = metric("hikaricp_connections_usage_seconds_count");
        for (int i = 0; i < 10; i++) {
            RawHttp.Answer answer = RawHttp.exchange(service.port(), address,
                    get("/v1/api_keys/list", "sb_more-guesses" + i), null);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
            assertThat(Integer.parseInt(answer.header("Retry-After"))).isBetween(1, 60);
            assertThat(answer.header("RateLimit-Policy")).isEqualTo("\"failed-auth\";q=30;w=60");
        }
        assertThat(metric("hikaricp_connections_usage_seconds_count"))
                .as("database connections taken while throttled").isEqualTo(queriesBefore);
        // a key this instance already proved is still served from that address; others' addresses are untouched
        assertThat(RawHttp.exchange(service.port(), address, get("/v1/api_keys/list", known), null).status())
                .isEqualTo(200);
        assertThat(RawHttp.exchange(service.port(), "127.0.0.78", get("/v1/api_keys/list", "sb_x"), null).status())
                .isEqualTo(401);
    }

    @Test
    void aUsersQuotasAnswer409NamingTheQuota() {
        String key = api.newUser("quota-" + UUID.randomUUID() + "@example.com");
        String connection = api.newSandboxConnection(key);
        api.newSandboxConnection(key);
        ApiClient.Response third = api.post("/v1/account_connections/create", key,
                Map.of("type", "account_connection_sandbox"));
        assertThat(third.status()).as(third.toString()).isEqualTo(409);
        assertThat(third.json().get("type").asString()).isEqualTo("urn:switchboard:problem:quota-exceeded");
        assertThat(third.json().get("detail").asString()).contains("switchboard.quotas.connections-per-user");

        assertThat(api.post("/v1/agents/create", key, Map.of("name", "One")).status()).isEqualTo(200);
        ApiClient.Response agent = api.post("/v1/agents/create", key, Map.of("name", "Two"));
        assertThat(agent.status()).as(agent.toString()).isEqualTo(409);
        assertThat(agent.json().get("detail").asString()).contains("switchboard.quotas.agents-per-user");

        ApiClient.Response bought = api.post("/v1/numbers/buy", key,
                Map.of("area_code", "415", "telephony_account_connection", connection));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        ApiClient.Response more = api.post("/v1/numbers/buy", key,
                Map.of("area_code", "415", "telephony_account_connection", connection));
        assertThat(more.status()).as(more.toString()).isEqualTo(409);
        assertThat(more.json().get("detail").asString()).contains("switchboard.quotas.numbers-per-user");
    }

    @Test
    void theConsolePageAndTheApiCarryTheirSecurityHeaders() {
        RawHttp.Answer page = RawHttp.exchange(service.port(), null, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("script-src 'self'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        ApiClient.Response apiAnswer = api.get("/v1/api_keys/list", null);
        assertThat(apiAnswer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(apiAnswer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theEmbeddedDataFolderIsTheOwnersOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (var files = Files.list(dataDir)) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------"));
        }
    }

    private static String post(String path, String idempotencyKey, String authorization) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close"
                + (idempotencyKey == null ? "" : "\r\nIdempotency-Key: " + idempotencyKey)
                + (authorization == null ? "" : "\r\nAuthorization: " + authorization);
    }

    private static String get(String path, String key) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + key;
    }

    /** The heap the service uses now, from its own metrics. */
    private static long heapUsed() {
        String text = api.get("/actuator/prometheus", null).body();
        return (long) text.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static double metric(String name) {
        String text = api.get("/actuator/prometheus", null).body();
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
