package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.http.ProviderHttp;
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
        path.append(resource.stream().map(ProviderHttp::pathSegment).collect(Collectors.joining("/")));
        if (!query.isEmpty()) {
            path.append('?').append(query.entrySet().stream()
                    .map(parameter -> ProviderHttp.queryComponent(parameter.getKey()) + "="
                            + ProviderHttp.queryComponent(parameter.getValue()))
                    .collect(Collectors.joining("&")));
        }
        return new TwilioRequest(path.toString(), filterByParameter);
    }

    /** The path every resource of one account lives under, ending with a slash. */
    static String accountRoot(String accountSid) {
        return "/" + API_VERSION + "/Accounts/" + ProviderHttp.pathSegment(accountSid) + "/";
    }

    /** The same search at another page, as Twilio's {@code next_page_uri} names it. */
    TwilioRequest at(String nextPathAndQuery) {
        return new TwilioRequest(nextPathAndQuery, filterByParameter);
    }
}
