package dev.switchboard.web;

import java.net.URI;

/** The stable {@code type} URIs of Switchboard's problem details, one per kind of failure. */
public enum ProblemType {
    VALIDATION("validation-failed", "The request is invalid"),
    UNAUTHENTICATED("unauthenticated", "Missing or invalid bearer token"),
    NOT_FOUND("not-found", "Not found"),
    CONFLICT("conflict", "Conflict"),
    IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", "A request with this Idempotency-Key is still in progress"),
    PURCHASE_PENDING("purchase-pending", "The number was bought but is not recorded yet"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable"),
    CREDENTIALS_UNREADABLE("account-connection-credentials-unreadable",
            "The account connection's stored credentials cannot be read"),
    PROVIDER_CREDENTIALS_REJECTED("provider-credentials-rejected",
            "The account connection's credentials were rejected by the provider"),
    PROVIDER_REJECTED_REQUEST("provider-rejected-request", "The provider cannot serve this request"),
    PROVIDER_RATE_LIMITED("provider-rate-limited", "The provider is rate-limiting this account"),
    PROVIDER_UNAVAILABLE("provider-unavailable", "The provider failed"),
    PROVIDER_TIMEOUT("provider-timeout", "The provider did not answer in time"),
    PROVIDER_CIRCUIT_OPEN("provider-circuit-open",
            "The provider failed repeatedly for this account connection; Switchboard is not calling it for now"),
    NUMBER_NOT_ON_SALE("number-not-on-sale", "The provider does not offer this number for sale"),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is larger than this server accepts"),
    RATE_LIMITED("rate-limited", "Too many requests"),
    QUOTA_EXCEEDED("quota-exceeded", "A quota of this user is used up"),
    CORS_NOT_ALLOWED("cors-not-allowed", "Cross-origin request refused"),
    SERVICE_UNAVAILABLE("service-unavailable", "Switchboard cannot serve the request right now"),
    INTERNAL("internal-error", "Internal error");

    private final URI uri;
    private final String title;

    ProblemType(String slug, String title) {
        this.uri = URI.create("urn:switchboard:problem:" + slug);
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }
}
