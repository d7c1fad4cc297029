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
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

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
 *
 * <p>Each job runs on a thread of its own ({@link #taskScheduler()}), so a slow run of one (a drift check reading many
 * numbers at a slow provider, webhook endpoints that answer slowly) delays none of the others.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
// the defaults only for a job that states no bounds of its own: every job here states both
@EnableSchedulerLock(defaultLockAtMostFor = "1m")
class SchedulingConfiguration {

    /**
     * Threads for the jobs: more than there are jobs (five), so each runs on one of its own. Spring Boot's scheduler
     * for virtual threads runs every fixed-delay job on its one scheduler thread, one after another, so a run that
     * waited on a provider or a webhook endpoint held back every other job for as long ({@code JobThreadsTest}).
     */
    static final int JOB_THREADS = 8;

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

    /**
     * The scheduler of the {@code @Scheduled} jobs (Spring Boot's own backs off): {@value #JOB_THREADS} virtual
     * threads, so fixed-delay jobs run side by side, each still one run at a time. On shutdown, as with Boot's, the
     * runs under way are interrupted and no new one starts; every job is written to be cut off at any point (the next
     * run, or the next instance, takes over).
     */
    @Bean
    ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(JOB_THREADS);
        scheduler.setVirtualThreads(true);
        scheduler.setThreadNamePrefix("jobs-");
        return scheduler;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
