package dev.switchboard.support;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service on its embedded default (H2 in a data folder, generated secret key), in a fresh folder per JVM. */
public abstract class OnEmbeddedDatabase extends ApiTest {

    private static final Path DATA_DIR = TempDirs.dataDirDeletedOnExit("switchboard-test-data");

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) {
        registry.add("switchboard.data-dir", DATA_DIR::toString);
    }
}
