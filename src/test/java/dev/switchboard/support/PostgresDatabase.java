package dev.switchboard.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway database on a real PostgreSQL server (the machine's, 127.0.0.1:5432 with trust auth, unless
 * {@code SWITCHBOARD_TEST_POSTGRES_URL} / {@code _USER} say otherwise), created once per test JVM and dropped
 * when it exits. Tests using it are skipped, with a message, where no server runs, except under
 * {@code SWITCHBOARD_REQUIRE_POSTGRES=true} (as in {@code .ci/run}), where they fail instead.
 */
public final class PostgresDatabase implements ExecutionCondition {

    private static final String ADMIN_URL = env("SWITCHBOARD_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("SWITCHBOARD_TEST_POSTGRES_USER", "postgres");
    private static volatile String url;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equals(System.getenv("SWITCHBOARD_REQUIRE_POSTGRES")) || reachable()) {
            return ConditionEvaluationResult.enabled("PostgreSQL at " + ADMIN_URL);
        }
        return ConditionEvaluationResult.disabled("No PostgreSQL at " + ADMIN_URL + ": start one (e.g. `pg_ctlcluster "
                + "--skip-systemctl-redirect $(ls /etc/postgresql) main start`) or run .ci/run to include these tests");
    }

    /** The JDBC URL of this JVM's test database, creating it on first use. */
    public static synchronized String url() {
        if (url == null) {
            url = newDatabase();
        }
        return url;
    }

    /**
     * The JDBC URL of a database of its own, dropped when the JVM exits: for a service run outside this JVM, whose
     * background jobs must not touch what the tests in this JVM leave behind.
     */
    public static String newDatabase() {
        String name = "switchboard_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public static String user() {
        return USER;
    }

    private static boolean reachable() {
        try (Connection ignored = connect()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(ADMIN_URL, USER, "");
    }

    private static String env(String name, String fallback) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).orElse(fallback);
    }
}
