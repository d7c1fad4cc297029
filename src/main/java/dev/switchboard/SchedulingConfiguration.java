package dev.switchboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on {@code @Scheduled} jobs (the reconciliation of pending number purchases with their providers, the purge
 * of expired idempotency keys, ...) and makes each run on one instance at a time when several share a database.
 * Their intervals are settings of the feature that owns each job.
 *
 * <p>A job takes its lock with one annotation beside its {@code @Scheduled}, the same interval in both places:
 * <pre>{@code
 * @Scheduled(fixedDelayString = "${switchboard.x.interval:1m}", initialDelayString = "${switchboard.x.interval:1m}")
 * @SchedulerLock(name = "x", lockAtMostFor = "${switchboard.x.interval:1m}", lockAtLeastFor = "${switchboard.x.interval:1m}")
 * void periodically() { ... }
 * }</pre>
 * The lock is a row of the {@code shedlock} table (ShedLock's JDBC store, migration V9), timed by the database's
 * clock, not the instances'. {@code lockAtLeastFor} = the interval: a run that ends at once still holds the lock for
 * the period, so no other instance repeats it then; {@code lockAtMostFor} = the interval: when the holder dies the
 * lock frees itself at most one period after the run began, and the next instance to try takes the job over. An
 * instance that finds the job locked skips that run silently. The method must be called through its bean (Spring's
 * proxy), not from inside its own class. See docs/design.md, "Background jobs".
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
// the defaults only for a job that states no bounds of its own: every job here states both
@EnableSchedulerLock(defaultLockAtMostFor = "1m")
class SchedulingConfiguration {

    /** Which instance holds a lock, in the table: host and process id, so instances on one host differ. */
    static final String INSTANCE = host() + "/" + ProcessHandle.current().pid();

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .withLockedByValue(INSTANCE)
                .usingDbTime() // one clock for all instances: the database's
                .build());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
