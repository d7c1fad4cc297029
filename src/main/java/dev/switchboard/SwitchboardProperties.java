package dev.switchboard;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.*}: the service's own settings.
 *
 * @param dataDir where the embedded default keeps its database and generated key (relative to the working directory)
 * @param secretKey base64 of a 256-bit AES key that encrypts provider credentials ({@code SWITCHBOARD_SECRET_KEY});
 *     required with an external database, generated into {@code dataDir} on the embedded default
 * @param adminToken the operator's bearer token for {@code /admin/v1} ({@code SWITCHBOARD_ADMIN_TOKEN});
 *     unset, the admin endpoints do not exist
 */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
        @DefaultValue("./data") Path dataDir,
        @Nullable String secretKey,
        @Nullable String adminToken) {

    @Override
    public String toString() {
        return "SwitchboardProperties[dataDir=" + dataDir + ", secretKey=" + (secretKey == null ? "unset" : "****")
                + ", adminToken=" + (adminToken == null ? "unset" : "****") + "]";
    }
}
