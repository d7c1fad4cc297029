package dev.switchboard.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps the embedded default's data folder (the H2 database beside the generated {@code secret.key}) to its owner:
 * the folder is made {@code rwx------} before the database opens, and its files {@code rw-------} then and once the
 * service is ready (the database creates its files on the first start with the process's umask). Only for the
 * embedded database; on a file system without POSIX permissions, nothing is changed.
 */
public class DataFolderPermissions implements EnvironmentPostProcessor, ApplicationListener<ApplicationReadyEvent> {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:file:")) {
            restrict(Path.of(environment.getProperty("switchboard.data-dir", "./data")), true);
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        var environment = event.getApplicationContext().getEnvironment();
        if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:file:")) {
            restrict(Path.of(environment.getProperty("switchboard.data-dir", "./data")), false);
        }
    }

    static void restrict(Path folder, boolean create) {
        try {
            if (create) {
                Files.createDirectories(folder);
            } else if (!Files.isDirectory(folder)) {
                return;
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            // e.g. Windows: the folder keeps the platform's own access rules
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the data folder " + folder + " to its owner", e);
        }
    }
}
