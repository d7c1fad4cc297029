package dev.switchboard.telephony.resilience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.telephony.ProviderCredentials;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Tells credentials apart without keeping them: an HMAC-SHA256 of every credential field under a key drawn at
 * random when the service starts and never stored, so a fingerprint in a heap dump or a cache key cannot be tested
 * against guessed secrets, and changes when any field changes. Works for every {@link ProviderCredentials} record,
 * including those added later, by reading its components.
 */
final class CredentialFingerprint {

    private final SecretKeySpec key;
    /** Per credentials instance (by identity), so a connection read once and reused is fingerprinted once. */
    private final Cache<ProviderCredentials, String> known = Caffeine.newBuilder()
            .weakKeys().maximumSize(10_000).build();

    CredentialFingerprint() {
        this(null);
    }

    /**
     * @param sharedSecret when given, the key is derived from it (an HMAC of a fixed label under it), so every
     *     instance that has the same secret ({@code SWITCHBOARD_SECRET_KEY}) fingerprints the same credentials alike
     *     and their shared cache entries and budgets (Redis) meet; the secret itself never leaves the instance
     */
    CredentialFingerprint(byte @Nullable [] sharedSecret) {
        byte[] bytes = new byte[32];
        if (sharedSecret == null) {
            new SecureRandom().nextBytes(bytes);
        } else {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(sharedSecret, "HmacSHA256"));
                bytes = mac.doFinal("switchboard credential fingerprint v1".getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing", e);
            }
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    String of(ProviderCredentials credentials) {
        return known.get(credentials, this::compute);
    }

    private String compute(ProviderCredentials credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            update(mac, credentials.getClass().getName());
            RecordComponent[] components = credentials.getClass().getRecordComponents();
            if (components == null) {
                throw new IllegalStateException(credentials.getClass() + " is not a record");
            }
            for (RecordComponent component : components) {
                update(mac, component.getName());
                update(mac, String.valueOf(component.getAccessor().invoke(credentials)));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot fingerprint " + credentials.provider() + " credentials", e);
        }
    }

    /** Length-prefixed, so ("ab", "c") and ("a", "bc") differ. */
    private static void update(Mac mac, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        mac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length});
        mac.update(bytes);
    }
}
