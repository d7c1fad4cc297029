package dev.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Redis server of the test's own ({@code redis-server} on a free port of 127.0.0.1, nothing saved to disk), so the
 * test never touches, flushes or stops the machine's Redis on 6379. As an {@link ExecutionCondition} it skips a test,
 * with a message, where no {@code redis-server} is installed, except under {@code SWITCHBOARD_REQUIRE_REDIS=true}
 * or {@code SWITCHBOARD_REQUIRE_POSTGRES=true} (as in {@code .ci/run}), where the test fails instead.
 */
public final class RedisServer implements ExecutionCondition, AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final Process process;
    private final int port;

    /** For JUnit's {@code @ExtendWith}; tests start their server with {@link #start(Path)}. */
    public RedisServer() {
        this.process = null;
        this.port = 0;
    }

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(BINARY)) {
            return ConditionEvaluationResult.enabled("redis-server at " + BINARY);
        }
        if ("true".equals(System.getenv("SWITCHBOARD_REQUIRE_REDIS")) || "true".equals(System.getenv("SWITCHBOARD_REQUIRE_POSTGRES"))) {
            return ConditionEvaluationResult.enabled("required, though there is no " + BINARY);
        }
        return ConditionEvaluationResult.disabled("No " + BINARY + ": install Redis (apt-get install redis-server) or run .ci/run to include this test");
    }

    /** Starts a server on a free port, its output to {@code log}, and returns once it answers PING. */
    public static RedisServer start(Path log) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(BINARY.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            RedisServer server = new RedisServer(process, port);
            server.awaitPong(Duration.ofSeconds(30), log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code spring.data.redis.url} should be. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitPong(Duration within, Path log) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; its output is in " + log);
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] answer = in.readNBytes(7);
                if (new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("redis-server did not answer PING within " + within + "; its output is in " + log);
    }
}
