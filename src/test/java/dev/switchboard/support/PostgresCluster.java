package dev.switchboard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL cluster of the test's own, under {@code /tmp}, that the test may stop and start at will without
 * disturbing the machine's server the other tests share. It runs the server binaries ({@code pg_config --bindir},
 * else the newest {@code /usr/lib/postgresql/<version>/bin}) as the {@code postgres} OS user through
 * {@code runuser}, since {@code initdb} refuses root. As an {@link ExecutionCondition} it skips a test, with a
 * message, where that is impossible (no binaries, no runuser, not root), except under
 * {@code SWITCHBOARD_REQUIRE_POSTGRES=true} (as in {@code .ci/run}), where the test fails instead.
 */
public final class PostgresCluster implements ExecutionCondition, AutoCloseable {

    private static final String OS_USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path home;
    private final Path data;
    private final int port;
    private final Thread cleanupAtExit = new Thread(this::destroy);
    private volatile boolean closed;

    /** For JUnit's {@code @ExtendWith}; tests create their cluster with {@link #create()}. */
    public PostgresCluster() {
        this.bin = null;
        this.home = null;
        this.data = null;
        this.port = 0;
    }

    private PostgresCluster(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("a private PostgreSQL cluster can be run");
        }
        if ("true".equals(System.getenv("SWITCHBOARD_REQUIRE_POSTGRES"))) {
            return ConditionEvaluationResult.enabled("required by SWITCHBOARD_REQUIRE_POSTGRES, though " + missing);
        }
        return ConditionEvaluationResult.disabled("Cannot run a private PostgreSQL cluster: " + missing
                + ". Install PostgreSQL's server binaries and run as root, or run .ci/run to require these tests");
    }

    /** Why no private cluster can run here, or null when one can. */
    static @Nullable String missing() {
        if (binaries().isEmpty()) {
            return "no initdb/pg_ctl (neither `pg_config --bindir` nor /usr/lib/postgresql/*/bin has them)";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            return "no runuser";
        }
        if (!"0".equals(output("id", "-u"))) {
            return "not root (the server runs as the `postgres` OS user through runuser)";
        }
        if (output("id", "-u", OS_USER) == null) {
            return "no `postgres` OS user";
        }
        return null;
    }

    /** A new cluster on a free port, initialised and started; {@link #close()} stops and deletes it. */
    public static PostgresCluster create() {
        String missing = missing();
        if (missing != null) {
            throw new IllegalStateException("Cannot run a private PostgreSQL cluster: " + missing);
        }
        try {
            Path home = Files.createTempDirectory(Path.of("/tmp"), "switchboard-pg-");
            PostgresCluster cluster = new PostgresCluster(binaries().orElseThrow(), home, freePort());
            Runtime.getRuntime().addShutdownHook(cluster.cleanupAtExit);
            cluster.run("chown", "-R", OS_USER + ":" + OS_USER, home.toString());
            cluster.asPostgres("initdb", "-D", cluster.data.toString(), "-A", "trust", "-U", OS_USER, "-E", "UTF8",
                    "--no-sync");
            cluster.start();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL of the cluster's {@code postgres} database, with the given driver settings appended. */
    public String url(String driverSettings) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres" + (driverSettings.isEmpty() ? "" : "?" + driverSettings);
    }

    public String user() {
        return OS_USER;
    }

    /** Starts the server on its port and returns once it accepts connections. */
    public void start() {
        asPostgres("pg_ctl", "-D", data.toString(), "-l", home.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Kills the server at once, as a crash would (every connection dropped, recovery at the next start). */
    public void stopImmediately() {
        asPostgres("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    /** Stops the server and deletes its files. */
    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook runs destroy, which is done already
        }
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                asPostgres("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
            } catch (IllegalStateException notStopped) {
                try {
                    asPostgres("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
                } catch (IllegalStateException notRunning) {
                    // a pid file left by a server that is gone: nothing to stop, the files go below
                }
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void asPostgres(String program, String... args) {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--", bin.resolve(program).toString()));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    /**
     * Runs a command to its end. Its output goes to a file, never a pipe: {@code pg_ctl start} leaves the server
     * holding its standard streams, so reading a pipe to its end would wait for the server to exit.
     */
    private void run(String... command) {
        try {
            Path log = Files.createTempFile("switchboard-pg-command-", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                            + COMMAND_TIMEOUT_SECONDS + " s: " + Files.readString(log));
                }
                if (process.exitValue() != 0) {
                    String serverLog = home == null ? "" : readIfExists(home.resolve("server.log"));
                    throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                            + ": " + Files.readString(log) + (serverLog.isEmpty() ? "" : "\nserver log:\n" + serverLog));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        String configured = output("pg_config", "--bindir");
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.map(v -> v.resolve("bin"))
                    .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
                    .forEach(candidates::add);
        } catch (IOException | RuntimeException none) {
            // no Debian-style installation
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException notAVersion) {
            return -1;
        }
    }

    /** What a small command prints, trimmed, or null when it cannot run or fails. */
    private static @Nullable String output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
