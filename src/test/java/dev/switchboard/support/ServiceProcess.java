package dev.switchboard.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Switchboard running as a separate JVM, started from the test JVM's own {@code java} and classpath (its main
 * classes and dependencies, not the test classes), so that a test can kill it for real ({@link #kill}: SIGKILL,
 * no shutdown hook, no graceful shutdown, nothing flushed) and start it again on the same database. Its output goes
 * to a file under {@code target/service-processes/}, named in failure messages; the file is never printed, so
 * nothing it might hold reaches the test output.
 */
public final class ServiceProcess implements AutoCloseable {

    /** What {@link Process#exitValue()} is for a process killed by SIGKILL (128 + 9). */
    public static final int KILLED_BY_SIGKILL = 137;

    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the service on a free port with these arguments ({@code --name=value}) and environment variables
     * added, its output to {@code log}, and waits until it is ready ({@code /actuator/health/readiness} answers 200)
     * or the deadline passes (then it is killed, and this fails naming the log).
     */
    public static ServiceProcess start(Path log, List<String> arguments, Map<String, String> environment,
            Duration readyWithin) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaCommand(),
                // a short-lived test service: start fast rather than run fast, and stay small beside the test JVM
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx256m",
                "-cp", serviceClasspath(), "dev.switchboard.SwitchboardApplication", "--server.port=" + port));
        if (arguments.stream().noneMatch(argument -> argument.startsWith("--switchboard.rate-limit."))) {
            // like the in-JVM tests (test resources' config/application.yaml): budgets that never bind, unless the
            // test is about them and sets its own
            command.addAll(List.of("--switchboard.rate-limit.per-key-per-second=1000000",
                    "--switchboard.rate-limit.failed-auth-per-minute=1000000"));
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            ServiceProcess service = new ServiceProcess(builder.start(), log, port);
            service.awaitReady(readyWithin);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file for a service's output, beside the build's other reports: target/service-processes/{name}.log. */
    public static Path logFile(String name) {
        return Path.of("target", "service-processes", name + ".log").toAbsolutePath();
    }

    public int port() {
        return port;
    }

    /** The service's process id: what it writes as the holder of a job lock ({@code host/pid} in shedlock.locked_by). */
    public long pid() {
        return process.pid();
    }

    public ApiClient api() {
        return new ApiClient(port);
    }

    public Path log() {
        return log;
    }

    /** The service's output so far (for a test to wait on a line it logs); never print it whole. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process with SIGKILL and waits until it is gone; returns its exit value (137 when SIGKILL did it). */
    public int kill() {
        process.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hooks run
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the service (pid " + process.pid() + ") outlived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady(Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue()
                        + " before it was ready; its output is in " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens late in the start
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS); // poll again soon, at once if it exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        kill();
        throw new IllegalStateException("the service was not ready within " + within + "; its output is in " + log);
    }

    /** The same {@code java} as the test JVM's (the wrapper's JDK 21+, not the machine's default). */
    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The test JVM's classpath without its test classes, so the service runs as built: main classes and libraries. */
    private static String serviceClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
