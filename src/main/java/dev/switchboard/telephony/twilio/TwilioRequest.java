package dev.switchboard.telephony.twilio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/**
 * One GET the adapter sends Twilio: its path and query, already escaped, and the Switchboard filter key each
 * Twilio parameter came from, so that a 400 naming {@code InPostalCode} can be reported as {@code postal_code}.
 *
 * @param pathAndQuery relative to Twilio's API root, starting with {@code /2010-04-01/Accounts/}
 */
record TwilioRequest(String pathAndQuery, Map<String, String> filterByParameter) {

    static final String API_VERSION = "2010-04-01";

    TwilioRequest {
        filterByParameter = Map.copyOf(filterByParameter);
    }

    /** A request under one account: {@code /2010-04-01/Accounts/{accountSid}/{resource...}?{query}}. */
    static TwilioRequest underAccount(String accountSid, List<String> resource, SequencedMap<String, String> query,
            Map<String, String> filterByParameter) {
        StringBuilder path = new StringBuilder(accountRoot(accountSid));
        path.append(resource.stream().map(TwilioRequest::pathSegment).collect(Collectors.joining("/")));
        if (!query.isEmpty()) {
            path.append('?').append(query.entrySet().stream()
                    .map(parameter -> queryValue(parameter.getKey()) + "=" + queryValue(parameter.getValue()))
                    .collect(Collectors.joining("&")));
        }
        return new TwilioRequest(path.toString(), filterByParameter);
    }

    /** The path every resource of one account lives under, ending with a slash. */
    static String accountRoot(String accountSid) {
        return "/" + API_VERSION + "/Accounts/" + pathSegment(accountSid) + "/";
    }

    /** The same search at another page, as Twilio's {@code next_page_uri} names it. */
    TwilioRequest at(String nextPathAndQuery) {
        return new TwilioRequest(nextPathAndQuery, filterByParameter);
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so no value can add a path segment. */
    static String pathSegment(String value) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                escaped.append(c);
            } else {
                escaped.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return escaped.toString();
    }

    /**
     * Form-encodes a query value; a space becomes {@code %20} rather than {@code +}, and a literal {@code +} (the
     * anchor of a {@code Contains} pattern such as {@code +1415}) becomes {@code %2B}, as Twilio's own curl samples
     * send it.
     */
    private static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
