package dev.switchboard.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bearer API key: {@code sb_} followed by 256 random bits in base64url. Only its SHA-256 is stored;
 * a key has enough entropy that a slow password hash would add cost without adding safety.
 */
record ApiKey(String value) {

    static final String PREFIX = "sb_";
    private static final SecureRandom RANDOM = new SecureRandom();

    static ApiKey generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ApiKey(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    byte[] hash() {
        return sha256(value);
    }

    /** The first characters, enough to tell keys apart in an audit, too few to guess the rest. */
    String displayPrefix() {
        return value.substring(0, Math.min(value.length(), PREFIX.length() + 6));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[" + displayPrefix() + "…]";
    }
}
