package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The default number of carrier threads for virtual threads, set before the first one starts. */
class CarrierThreadsTest {

    @Test
    void fourCarriersPerCoreWhenNotSet() {
        Properties system = new Properties();

        SwitchboardApplication.defaultCarrierThreads(system, 2);

        assertThat(system.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("8");
    }

    @Test
    void anExplicitSettingWins() {
        Properties system = new Properties();
        system.setProperty("jdk.virtualThreadScheduler.parallelism", "3");

        SwitchboardApplication.defaultCarrierThreads(system, 2);

        assertThat(system.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("3");
    }

    @Test
    void atLeastFourOnAMachineThatReportsNoCore() {
        Properties system = new Properties();

        SwitchboardApplication.defaultCarrierThreads(system, 0);

        assertThat(system.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("4");
    }
}
