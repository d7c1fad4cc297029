package dev.switchboard.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary data folders for a test JVM's service (the embedded database and the generated secret key), removed
 * when the JVM exits. {@link File#deleteOnExit()} runs after every shutdown hook, so after the embedded database has
 * closed its files (deleting them from a hook of our own raced with that close, and the database wrote an error file
 * back). It removes only what it was told about, so the files the service writes there are named up front.
 */
public final class TempDirs {

    /**
     * What the service keeps in its data folder: the database {@code switchboard} (application.yaml's datasource) and
     * the generated key ({@code connections.CredentialKeyConfiguration.KEY_FILE}).
     */
    private static final String[] DATA_FILES =
            {"secret.key", "switchboard.mv.db", "switchboard.trace.db", "switchboard.lock.db"};

    private TempDirs() {}

    public static Path dataDirDeletedOnExit(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            // Deleted in the reverse order of registration: the files, then the emptied folder.
            dir.toFile().deleteOnExit();
            for (String name : DATA_FILES) {
                dir.resolve(name).toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
