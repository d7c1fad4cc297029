package dev.switchboard.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of one test class's own, for tests whose scheduled jobs must not meet the other tests' services. Spring
 * keeps those services' contexts, and with them their jobs, running on the shared database: their workers would
 * claim this test's rows, and their job locks are held for their own periods (ShedLock's lock at least as long as the
 * job's period: 15 s for routing retries, 10 min for the drift check), holding back a test's jobs on short periods.
 */
public final class OwnDatabase {

    private static final Map<Class<?>, Path> EMBEDDED = new ConcurrentHashMap<>();
    private static final Map<Class<?>, String> POSTGRES = new ConcurrentHashMap<>();

    private OwnDatabase() {}

    /** The embedded database, in a data folder of {@code test}'s own (deleted when the JVM exits). */
    public static void embedded(DynamicPropertyRegistry registry, Class<?> test) {
        registry.add("switchboard.data-dir", () -> EMBEDDED.computeIfAbsent(test,
                c -> TempDirs.dataDirDeletedOnExit("switchboard-" + c.getSimpleName())).toString());
    }

    /** A PostgreSQL database of {@code test}'s own on the test server; the class needs {@link PostgresDatabase}. */
    public static void postgres(DynamicPropertyRegistry registry, Class<?> test) {
        registry.add("spring.datasource.url", () -> POSTGRES.computeIfAbsent(test, c -> PostgresDatabase.newDatabase()));
        registry.add("spring.datasource.username", PostgresDatabase::user);
        registry.add("spring.datasource.password", () -> "");
        registry.add("switchboard.secret-key", () -> OnPostgres.SECRET_KEY);
    }
}
