package dev.switchboard.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an event request: {@code Switchboard-Signature: t=<unix seconds>,v1=<hex>}, where v1 is the
 * HMAC-SHA256, keyed with the webhook's signing secret (the whole {@code whsec_…} string, as UTF-8), of
 * {@code <t> + "." + <the request body>}. Receivers recompute it, compare in constant time and reject a t too old.
 */
final class Signatures {

    static final String HEADER = "Switchboard-Signature";
    static final String EVENT_ID_HEADER = "Switchboard-Event-Id";

    private Signatures() {}

    static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
