package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The jobs' scheduler ({@link SchedulingConfiguration}) runs fixed-delay jobs side by side: while one job's run is
 * stuck, another keeps running on its period. With Spring Boot's scheduler for virtual threads (what ran them
 * before), every fixed-delay job shared one thread, and this test fails: the quick job stops while the slow one waits.
 */
class JobThreadsTest {

    @Test
    void aStuckJobHoldsBackNoOtherJob() {
        new ApplicationContextRunner()
                .withPropertyValues("spring.threads.virtual.enabled=true")
                .withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
                .withBean(JdbcDataSource.class, () -> {
                    JdbcDataSource h2 = new JdbcDataSource();
                    h2.setURL("jdbc:h2:mem:job-threads");
                    return h2;
                })
                .withUserConfiguration(SchedulingConfiguration.class, Jobs.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Jobs jobs = context.getBean(Jobs.class);
                    try {
                        assertThat(jobs.slowStarted.await(10, TimeUnit.SECONDS)).as("the slow job started").isTrue();
                        int before = jobs.quickRuns.get();
                        await("quick runs while the slow job is stuck").atMost(Duration.ofSeconds(10))
                                .untilAsserted(() -> assertThat(jobs.quickRuns.get())
                                        .isGreaterThanOrEqualTo(before + 5));
                    } finally {
                        jobs.release.countDown();
                    }
                    assertThat(context.getBean(TaskScheduler.class)).isInstanceOf(ThreadPoolTaskScheduler.class);
                });
    }

    static class Jobs {
        final CountDownLatch slowStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger quickRuns = new AtomicInteger();

        @Scheduled(fixedDelay = 10)
        void slow() throws InterruptedException {
            slowStarted.countDown();
            release.await(30, TimeUnit.SECONDS);
        }

        @Scheduled(fixedDelay = 10)
        void quick() {
            quickRuns.incrementAndGet();
        }
    }
}
