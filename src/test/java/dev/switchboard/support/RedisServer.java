package dev.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Redis server of the test's own ({@code redis-server} on a free loopback port, nothing saved to disk), which the
 * test may stop and start again on the same port: never the machine's Redis on 6379, which other tests share. With
 * {@code @ExtendWith(RedisServer.Installed.class)}, tests are skipped, with a message, where {@code redis-server} is not installed,
 * except under {@code SWITCHBOARD_REQUIRE_REDIS=true} (as in {@code .ci/run}), where they fail instead.
 *
 * <p>Also {@link #keyPrefix()}: a prefix unique to this JVM's run, for tests that use a shared Redis.
 */
public final class RedisServer implements AutoCloseable {

    /** Where Debian's redis-server package installs it; SWITCHBOARD_REDIS_SERVER overrides. */
    public static final Path BINARY = Path.of(System.getenv().getOrDefault("SWITCHBOARD_REDIS_SERVER",
            "/usr/bin/redis-server"));

    private final int port;
    private @Nullable Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** A new server on a free port, started. */
    public static RedisServer start() {
        RedisServer server = new RedisServer(freePort());
        server.startAgain();
        return server;
    }

    /** {@code redis://127.0.0.1:<port>}, for {@code spring.data.redis.url}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A key prefix no other run uses: {@code switchboard-test-<random>:}. */
    public static String keyPrefix() {
        return "switchboard-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** Starts the server (again, after {@link #stop()}) on its port, and waits until it answers PING. */
    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path log = Files.createTempFile("redis-test-", ".log");
            log.toFile().deleteOnExit();
            process = new ProcessBuilder(List.of(BINARY.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!answersPing()) {
                if (System.nanoTime() > end || !started.isAlive()) {
                    throw new IllegalStateException("redis-server did not start on port " + port + ": "
                            + Files.readString(log));
                }
                Thread.sleep(20); // polling a condition with a deadline
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server at once (SIGKILL: an outage, not a shutdown), and waits until it is gone. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        try {
            running.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether the server answers PING within a second. */
    public boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.readNBytes(answer, 0, 7);
            return read >= 5 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Enables the test where redis-server is installed, or when SWITCHBOARD_REQUIRE_REDIS=true. */
    public static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return condition();
        }
    }

    private static ConditionEvaluationResult condition() {
        if ("true".equals(System.getenv("SWITCHBOARD_REQUIRE_REDIS")) || Files.isExecutable(BINARY)) {
            return ConditionEvaluationResult.enabled("redis-server at " + BINARY);
        }
        return ConditionEvaluationResult.disabled("No " + BINARY + ": install Debian's redis-server (apt-get install"
                + " redis-server) or run .ci/run to include the Redis tests");
    }

    /** How long a test allows an announcement to reach every instance. */
    public static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
}
