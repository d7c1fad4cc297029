package dev.switchboard;

import java.util.Properties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Switchboard: phone numbers for voice-AI agents, on the caller's own telephony accounts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SwitchboardApplication {

    /** The JDK's property for how many carrier threads run virtual threads (its default: one per core). */
    static final String CARRIERS_PROPERTY = "jdk.virtualThreadScheduler.parallelism";

    public static void main(String[] args) {
        defaultCarrierThreads(System.getProperties(), Runtime.getRuntime().availableProcessors());
        SpringApplication.run(SwitchboardApplication.class, args);
    }

    /**
     * Runs virtual threads on four carrier threads per core, unless {@code -Djdk.virtualThreadScheduler.parallelism}
     * says otherwise. It must be set before the first virtual thread starts, hence here and not in configuration.
     * <p>
     * Every request here parks twice (on the provider's answer, on the client's next request) and wakes in bursts.
     * With one carrier per core, carriers park whenever their queue empties and wait for the CPU each time a burst
     * wakes them, while requests queue: at 512 concurrent searches on 2 cores (bench/RESULTS.md) that was 7.3 context
     * switches per search, 3,295–3,442 searches/s and +40 ms at the median. With four per core: 3.4–3.6 switches,
     * 4,116–4,446/s and +11 ms; 2,048 concurrent went from 2,639–2,667/s to 3,156–3,239/s. Three and six per core
     * measured 4,182–4,216/s; eight per core cost more CPU per search and served 3,336/s.
     */
    static void defaultCarrierThreads(Properties system, int cores) {
        if (system.getProperty(CARRIERS_PROPERTY) == null) {
            system.setProperty(CARRIERS_PROPERTY, Integer.toString(4 * Math.max(1, cores)));
        }
    }
}
