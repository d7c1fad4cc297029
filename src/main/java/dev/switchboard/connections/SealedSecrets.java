package dev.switchboard.connections;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The public door to the cipher that keeps connection credentials, for other secrets stored at rest the same way
 * (a webhook's signing secret): AES-256-GCM under the service's secret key, bound to the row's id and its owner.
 */
@Component
public class SealedSecrets {

    private final CredentialCipher cipher;

    SealedSecrets(CredentialCipher cipher) {
        this.cipher = cipher;
    }

    /** The secret encrypted for the row {@code rowId} of user {@code userId}. */
    public byte[] seal(String secret, UUID rowId, UUID userId) {
        return cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8), rowId, userId);
    }

    /** The secret {@link #seal} sealed for this row; throws when the key changed or the bytes were moved or altered. */
    public String open(byte[] sealed, UUID rowId, UUID userId) {
        return new String(cipher.decrypt(sealed, rowId, userId), StandardCharsets.UTF_8);
    }
}
