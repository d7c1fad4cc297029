package dev.switchboard.connections;

import dev.switchboard.SwitchboardProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the credential encryption key comes from: {@code SWITCHBOARD_SECRET_KEY} when set; on the embedded
 * default only, a key generated once into the data folder (with a warning); otherwise the service refuses
 * to start, because credentials written under a throwaway key would be lost.
 */
@Configuration(proxyBeanMethods = false)
class CredentialKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CredentialKeyConfiguration.class);
    static final String KEY_FILE = "secret.key";

    @Bean
    CredentialCipher credentialCipher(SwitchboardProperties properties,
            @Value("${spring.datasource.url:}") String datasourceUrl) {
        return new CredentialCipher(secretKey(properties, datasourceUrl));
    }

    static SecretKey secretKey(SwitchboardProperties properties, String datasourceUrl) {
        if (properties.secretKey() != null && !properties.secretKey().isBlank()) {
            return parse(properties.secretKey().trim(), "SWITCHBOARD_SECRET_KEY");
        }
        if (!datasourceUrl.startsWith("jdbc:h2:")) {
            throw new IllegalStateException("SWITCHBOARD_SECRET_KEY must be set when Switchboard uses an external "
                    + "database: base64 of 32 random bytes, e.g. from `openssl rand -base64 32`");
        }
        Path file = properties.dataDir().resolve(KEY_FILE).toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                generate(file);
                log.warn("Generated a credential encryption key at {}. Fine for trying Switchboard out; in production "
                        + "set SWITCHBOARD_SECRET_KEY and keep it safe: without it, stored credentials cannot be read.", file);
            } else {
                log.warn("Using the generated credential encryption key at {}; set SWITCHBOARD_SECRET_KEY in production.", file);
            }
            return parse(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file, e);
        }
    }

    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(file.getParent(), "secret", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a non-POSIX file system keeps its own default permissions
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file); // atomic enough: two instances racing keep the first key
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
        }
    }

    private static SecretKey parse(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must hold 32 bytes (256 bits) in base64; it holds " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
