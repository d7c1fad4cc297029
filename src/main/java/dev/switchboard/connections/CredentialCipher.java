package dev.switchboard.connections;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts credentials at rest with AES-256-GCM. Each value gets a fresh 96-bit nonce; the connection's id
 * and owner are bound in as associated data, so a ciphertext moved to another row or user fails to decrypt.
 * Layout: one version byte, the nonce, then ciphertext and tag.
 */
class CredentialCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    CredentialCipher(SecretKey key) {
        this.key = key;
    }

    byte[] encrypt(byte[] plaintext, UUID connectionId, UUID userId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(connectionId, userId));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    byte[] decrypt(byte[] stored, UUID connectionId, UUID userId) {
        if (stored.length < 1 + NONCE_BYTES || stored[0] != VERSION) {
            throw new IllegalStateException("stored credentials of connection " + connectionId + " are not in a known format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(connectionId, userId));
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            // Wrong key (SWITCHBOARD_SECRET_KEY changed) or tampered row: say which row, never the bytes.
            throw new IllegalStateException("credentials of connection " + connectionId
                    + " do not decrypt with the configured secret key", e);
        }
    }

    private static byte[] associatedData(UUID connectionId, UUID userId) {
        return ByteBuffer.allocate(32)
                .putLong(connectionId.getMostSignificantBits()).putLong(connectionId.getLeastSignificantBits())
                .putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits())
                .array();
    }
}
