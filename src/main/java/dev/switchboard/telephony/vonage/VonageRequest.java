package dev.switchboard.telephony.vonage;

import dev.switchboard.telephony.http.ProviderHttp;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/**
 * One call the adapter makes to Vonage: a GET with its query, or a POST with its form body (Vonage's {@code
 * /number/buy} and {@code /number/cancel} take {@code application/x-www-form-urlencoded}, not JSON), and the
 * Switchboard filter key each Vonage parameter came from, so that Vonage refusing {@code pattern} can be reported as
 * {@code filters.area_code}.
 *
 * @param path below Vonage's API root, e.g. {@code /number/search}
 */
record VonageRequest(String method, String path, SequencedMap<String, String> parameters,
        Map<String, String> filterByParameter) {

    VonageRequest {
        parameters = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(parameters));
        filterByParameter = Map.copyOf(filterByParameter);
    }

    static VonageRequest get(String path, SequencedMap<String, String> query, Map<String, String> filterByParameter) {
        return new VonageRequest("GET", path, query, filterByParameter);
    }

    static VonageRequest post(String path, SequencedMap<String, String> form) {
        return new VonageRequest("POST", path, form, Map.of());
    }

    /** The same GET with one more parameter (a page's {@code index}). */
    VonageRequest with(String name, String value) {
        SequencedMap<String, String> more = new LinkedHashMap<>(parameters);
        more.put(name, value);
        return new VonageRequest(method, path, more, filterByParameter);
    }

    /** The parameters form-encoded: the query of a GET or the body of a POST. */
    String encodedParameters() {
        return parameters.entrySet().stream()
                .map(parameter -> ProviderHttp.queryComponent(parameter.getKey()) + "="
                        + ProviderHttp.queryComponent(parameter.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The path and, for a GET, its query. */
    String pathAndQuery() {
        return method.equals("GET") && !parameters.isEmpty() ? path + "?" + encodedParameters() : path;
    }
}
