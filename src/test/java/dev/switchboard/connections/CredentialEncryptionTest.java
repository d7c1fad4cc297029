package dev.switchboard.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.SwitchboardProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialEncryptionTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @TempDir
    Path dataDir;

    @Test
    void embeddedDefaultGeneratesOneKeyAndKeepsIt() throws Exception {
        var props = new SwitchboardProperties(dataDir, null, null);
        SecretKey first = CredentialKeyConfiguration.secretKey(props, "jdbc:h2:file:./x");
        SecretKey again = CredentialKeyConfiguration.secretKey(props, "jdbc:h2:file:./x");
        assertThat(again.getEncoded()).isEqualTo(first.getEncoded()).hasSize(32);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("secret.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void externalDatabaseWithoutAKeyRefusesToStart() {
        var props = new SwitchboardProperties(dataDir, null, null);
        assertThatThrownBy(() -> CredentialKeyConfiguration.secretKey(props, "jdbc:postgresql://db/switchboard"))
                .hasMessageContaining("SWITCHBOARD_SECRET_KEY must be set");
        assertThat(dataDir.resolve("secret.key")).doesNotExist();
    }

    @Test
    void aMalformedKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> CredentialKeyConfiguration.secretKey(
                new SwitchboardProperties(dataDir, "c2hvcnQ=", null), "jdbc:postgresql://db/x"))
                .hasMessageContaining("32 bytes").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> CredentialKeyConfiguration.secretKey(
                new SwitchboardProperties(dataDir, "not base64!", null), "jdbc:postgresql://db/x"))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not base64!");
    }

    @Test
    void ciphertextOnlyOpensForItsOwnRowAndOwner() {
        var cipher = new CredentialCipher(CredentialKeyConfiguration.secretKey(
                new SwitchboardProperties(dataDir, KEY, null), "jdbc:postgresql://db/x"));
        UUID connection = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        byte[] secret = "{\"twilio_auth_token\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.encrypt(secret, connection, owner);
        assertThat(cipher.decrypt(sealed, connection, owner)).isEqualTo(secret);
        assertThat(cipher.encrypt(secret, connection, owner)).isNotEqualTo(sealed); // fresh nonce each time
        assertThatThrownBy(() -> cipher.decrypt(sealed, connection, UUID.randomUUID())).hasMessageContaining("do not decrypt");
        assertThatThrownBy(() -> cipher.decrypt(sealed, UUID.randomUUID(), owner)).hasMessageContaining("do not decrypt");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, connection, owner)).hasMessageContaining("do not decrypt");
    }
}
