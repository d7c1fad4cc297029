package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Two instances of the service (two application contexts in this JVM) on one embedded database run a locked job once per
 * period between them, and when the instance holding the job stops, the other takes it over. The job is a test
 * job locked exactly as the service's jobs are ({@link SchedulingConfiguration}); the service's own jobs are shown
 * to take their locks (their rows appear in the {@code shedlock} table). The kill of a holder by SIGKILL, across
 * JVMs on PostgreSQL, is in {@code ScaleOutTest}.
 */
class JobLocksTest {

    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
        CountedJob.RUNS.clear();
    }

    // On the embedded database; on PostgreSQL, across JVMs, ScaleOutTest does the same with the real reconciliation
    @Test
    void oneInstanceRunsEachPeriodAndAnotherTakesOver() {
        runOnceAndMove(List.of());
    }

    private void runOnceAndMove(List<String> database) {
        ConfigurableApplicationContext a = start("a", database);
        ConfigurableApplicationContext b = start("b", database);
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);

        await("the service's own jobs take their locks").atMost(WITHIN).untilAsserted(() ->
                assertThat(jdbc.queryForList("SELECT name FROM shedlock", String.class))
                        .contains("purchase-reconciliation", "idempotency-purge"));

        // both instances' schedulers run from here on (a ran the job alone while b started)
        CountedJob.RUNS.clear();
        await("three runs of the test job").atMost(WITHIN).until(() -> CountedJob.RUNS.size() >= 3);
        List<Run> runs = List.copyOf(CountedJob.RUNS);
        // each run reads the time it took the lock (the database's clock): never two in one period
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1).lockedAt(), runs.get(i).lockedAt()))
                    .as("between run %d (%s) and run %d (%s)", i, runs.get(i - 1), i + 1, runs.get(i))
                    .isGreaterThanOrEqualTo(PERIOD);
        }

        String holder = runs.getLast().instance();
        String other = holder.equals("a") ? "b" : "a";
        (holder.equals("a") ? a : b).close();
        int before = CountedJob.RUNS.size();
        await("instance " + other + " takes the job over from " + holder).atMost(WITHIN)
                .until(() -> CountedJob.RUNS.stream().skip(before).anyMatch(run -> run.instance().equals(other)));
        assertThat(CountedJob.RUNS.stream().skip(before + 1)).as("runs after the holder stopped")
                .allMatch(run -> run.instance().equals(other));
    }

    private ConfigurableApplicationContext start(String name, List<String> database) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--switchboard.data-dir=" + dataDir,
                "--jobs-test.instance=" + name, "--jobs-test.period=" + PERIOD.toMillis() + "ms",
                "--switchboard.numbers.reconciliation.interval=1s", "--switchboard.idempotency.purge-interval=1s"));
        arguments.addAll(database);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SwitchboardApplication.class, CountedJob.class)
                .run(arguments.toArray(String[]::new));
        instances.add(context);
        return context;
    }

    /** One run of the test job: which instance ran it, and when it took the lock (the database's time). */
    record Run(String instance, Instant lockedAt) {}

    /** A job locked as the service's are; registered by hand, so no other test's context scans it in. */
    static class CountedJob {

        static final List<Run> RUNS = new CopyOnWriteArrayList<>();

        private final String instance;
        private final JdbcTemplate jdbc;

        CountedJob(Environment environment, JdbcTemplate jdbc) {
            this.instance = environment.getRequiredProperty("jobs-test.instance");
            this.jdbc = jdbc;
        }

        @Scheduled(fixedDelayString = "${jobs-test.period}", initialDelay = 0)
        @SchedulerLock(name = "jobs-test", lockAtMostFor = "${jobs-test.period}", lockAtLeastFor = "${jobs-test.period}")
        void run() {
            Timestamp lockedAt = jdbc.queryForObject("SELECT locked_at FROM shedlock WHERE name = 'jobs-test'", Timestamp.class);
            RUNS.add(new Run(instance, lockedAt.toInstant()));
        }
    }
}
