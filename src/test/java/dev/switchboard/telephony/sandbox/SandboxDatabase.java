package dev.switchboard.telephony.sandbox;

import dev.switchboard.support.PostgresDatabase;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Databases for sandbox tests that need no Spring context: an embedded H2 as the service runs it by default, or the
 * JVM's throwaway PostgreSQL database, each migrated by Flyway with the service's own migrations.
 */
final class SandboxDatabase {

    private SandboxDatabase() {}

    /** A fresh in-memory H2 database in PostgreSQL mode, as the embedded default runs, kept for the whole JVM. */
    static DataSource h2() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:sandbox-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        return migrated(dataSource);
    }

    /** The JVM's throwaway PostgreSQL database (see {@link PostgresDatabase}), migrated. */
    static DataSource postgres() {
        return migrated(new DriverManagerDataSource(PostgresDatabase.url(), PostgresDatabase.user(), ""));
    }

    /** Forgets every sale and release, so a test starts from the seed alone. */
    static void clear(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("DELETE FROM sandbox_sold_numbers").update();
        jdbc.sql("DELETE FROM sandbox_released_starters").update();
    }

    private static DataSource migrated(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
