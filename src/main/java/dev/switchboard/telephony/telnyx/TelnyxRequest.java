package dev.switchboard.telephony.telnyx;

import dev.switchboard.telephony.http.ProviderHttp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One call the adapter makes to Telnyx: method, path below the API root, query parameters in order (a parameter
 * may repeat, as {@code filter[features]} does), an optional JSON body, and the Switchboard filter key each Telnyx
 * parameter came from, so that an error naming {@code filter[administrative_area]} can be reported as
 * {@code region}.
 *
 * @param path starting with {@code /v2/}, its segments already escaped
 */
record TelnyxRequest(String method, String path, List<Parameter> query, byte @Nullable [] body,
        Map<String, String> filterByParameter) {

    record Parameter(String name, String value) {}

    TelnyxRequest {
        query = List.copyOf(query);
        filterByParameter = Map.copyOf(filterByParameter);
    }

    static TelnyxRequest get(String path, List<Parameter> query, Map<String, String> filterByParameter) {
        return new TelnyxRequest("GET", path, query, null, filterByParameter);
    }

    static TelnyxRequest post(String path, byte[] jsonBody) {
        return new TelnyxRequest("POST", path, List.of(), jsonBody, Map.of());
    }

    static TelnyxRequest patch(String path, byte[] jsonBody) {
        return new TelnyxRequest("PATCH", path, List.of(), jsonBody, Map.of());
    }

    static TelnyxRequest delete(String path) {
        return new TelnyxRequest("DELETE", path, List.of(), null, Map.of());
    }

    /** The path and the query, percent-encoded: brackets as {@code %5B}/{@code %5D}, a space as {@code %20}. */
    String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + query.stream()
                .map(p -> ProviderHttp.queryComponent(p.name()) + "=" + ProviderHttp.queryComponent(p.value()))
                .collect(Collectors.joining("&"));
    }
}
