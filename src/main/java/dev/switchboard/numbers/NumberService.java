package dev.switchboard.numbers;

import dev.switchboard.limits.Quota;
import dev.switchboard.limits.Quotas;
import dev.switchboard.connections.AccountConnection;
import dev.switchboard.connections.AccountConnectionService;
import dev.switchboard.idempotency.IdempotencyKey;
import dev.switchboard.agents.AgentRequest;
import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.NumberSource;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.TelephonyProviders;
import dev.switchboard.web.Conflict;
import dev.switchboard.web.Ids;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The numbers a user holds: buy, link, read, list, update, cancel. Every read and write is the caller's own: an
 * unknown number and another user's answer alike (404), and so do the connections and agents a body names (422).
 */
@Service
class NumberService {

    static final Set<String> UPDATE_FIELDS = Set.of("label", "inbound_agent", "outbound_only", "example_context", "description");
    private static final Pattern NANP_AREA_CODE = Pattern.compile("[2-9][0-9]{2}");
    private static final Set<String> TOLL_FREE_PREFIXES = Set.of("800", "833", "844", "855", "866", "877", "888");
    private static final int MAX_LABEL = 200;
    private static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_EXAMPLE_CONTEXT = 16_384;

    private final HeldNumberRepository held;
    private final NumberPurchases purchases;
    private final AccountConnectionService connections;
    private final TelephonyProviders providers;
    private final InboundAgents agents;
    private final NumberViews views;
    private final NumbersProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Quotas quotas;
    private final TransactionTemplate transaction;
    private final NumberEvents events;
    private final NumberRouting routing;

    NumberService(HeldNumberRepository held, NumberPurchases purchases, AccountConnectionService connections,
            TelephonyProviders providers, InboundAgents agents, NumberViews views, NumbersProperties properties,
            JsonMapper json, Clock clock, Quotas quotas, TransactionTemplate transaction, NumberEvents events,
            NumberRouting routing) {
        this.routing = routing;
        this.transaction = transaction;
        this.events = events;
        this.quotas = quotas;
        this.held = held;
        this.purchases = purchases;
        this.connections = connections;
        this.providers = providers;
        this.agents = agents;
        this.views = views;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** The account a request body names, and its provider, checked against {@code telephony_provider} if given. */
    private record Target(AccountConnection connection, TelephonyProvider provider) {}

    PhoneNumberView buy(UUID userId, BuyNumberRequest request, @Nullable IdempotencyKey idempotencyKey) {
        RequestErrors errors = new RequestErrors();
        String phoneNumber = null;
        String areaCode = null;
        if (request.phoneNumber() != null && request.areaCode() != null) {
            errors.add("phone_number", "give either phone_number or area_code, not both");
        } else if (request.phoneNumber() != null) {
            phoneNumber = PhoneNumbers.parse("phone_number", request.phoneNumber(), errors);
        } else if (request.areaCode() != null) {
            areaCode = request.areaCode().strip();
            if (!NANP_AREA_CODE.matcher(areaCode).matches()) {
                errors.add("area_code", "must be a 3-digit North American area code such as 415");
            }
        } else {
            errors.add("phone_number", "give phone_number (a number from GET /v1/numbers/available) or area_code");
        }
        UUID connectionId = id("telephony_account_connection", request.telephonyAccountConnection(), true, errors);
        UUID agentId = id("inbound_agent", agentReference(request.inboundAgent()), false, errors);
        AgentRequest inline = request.inboundAgent() instanceof InboundAgentField.Inline i ? i.agent() : null;
        TelephonyProviderName named = providerName(request.telephonyProvider(), errors);
        errors.throwIfAny();

        Target target = target(userId, named, connectionId);
        if (agentId != null) {
            agents.require(userId, agentId, "inbound_agent");
        }
        if (inline != null) {
            agents.check(userId, inline, "inbound_agent");
        }
        if (idempotencyKey != null) {
            Optional<HeldNumber> earlier = purchases.boughtEarlier(userId, idempotencyKey);
            if (earlier.isPresent()) {
                return views.view(earlier.get());
            }
        }
        quotas.checkRoomForOne(Quota.NUMBERS, held.count(userId));
        Supplier<UUID> newAgent = inline == null ? null : () -> agents.create(userId, inline, "inbound_agent");
        HeldNumber bought = phoneNumber != null
                ? purchases.buy(userId, target.connection(), target.provider(), phoneNumber, keyOf(idempotencyKey),
                        agentId, newAgent)
                : buyInAreaCode(userId, target, areaCode, keyOf(idempotencyKey), agentId, newAgent);
        return routed(bought);
    }

    /** Routes a number just recorded or changed (its routing pending), then answers it as it now stands. */
    private PhoneNumberView routed(HeldNumber number) {
        routing.attempt(number.userId(), number.id());
        return views.view(held.findById(number.userId(), number.id()).orElse(number));
    }

    /**
     * Buys the first number the provider offers in the area code, so that every purchase intent names an exact
     * number; when that one was sold meanwhile, tries the next, up to {@code switchboard.numbers.buy-attempts}.
     */
    private HeldNumber buyInAreaCode(UUID userId, Target target, String areaCode, @Nullable String idempotencyKey,
            @Nullable UUID agentId, @Nullable Supplier<UUID> newAgent) {
        NumberType type = TOLL_FREE_PREFIXES.contains(areaCode) ? NumberType.TOLL_FREE : NumberType.LOCAL;
        List<AvailableNumber> offered = List.of();
        for (String country : List.of("US", "CA")) {
            var search = new AvailableNumberSearch(NumberSource.INVENTORY, country, type, areaCode, null, null, null,
                    null, null, null, Set.of(), false, false, Math.min(AvailableNumberSearch.MAX_LIMIT, properties.buyAttempts() * 3));
            offered = target.provider().searchInventory(target.connection().providerAccount(), search).numbers().stream()
                    .filter(n -> !n.bestEffortMatch() && !held.isHeld(n.phoneNumber()))
                    .limit(properties.buyAttempts())
                    .toList();
            if (!offered.isEmpty() || type == NumberType.TOLL_FREE) {
                break;
            }
        }
        if (offered.isEmpty()) {
            throw new InvalidRequest("area_code", target.provider().name() + " has no number on sale in area code "
                    + areaCode + "; search GET /v1/numbers/available for what it offers");
        }
        ProviderFault.NumberNotOnSale last = null;
        for (AvailableNumber candidate : offered) {
            try {
                return purchases.buy(userId, target.connection(), target.provider(), candidate.phoneNumber(),
                        idempotencyKey, agentId, newAgent);
            } catch (ProviderFault.NumberNotOnSale soldMeanwhile) {
                last = soldMeanwhile;
            }
        }
        throw Objects.requireNonNull(last);
    }

    PhoneNumberView link(UUID userId, LinkNumberRequest request) {
        RequestErrors errors = new RequestErrors();
        String phoneNumber = PhoneNumbers.parse("phone_number", request.phoneNumber(), errors);
        UUID connectionId = id("telephony_account_connection", request.telephonyAccountConnection(), true, errors);
        UUID agentId = id("inbound_agent", agentReference(request.inboundAgent()), false, errors);
        AgentRequest inline = request.inboundAgent() instanceof InboundAgentField.Inline i ? i.agent() : null;
        TelephonyProviderName named = providerName(request.telephonyProvider(), errors);
        errors.throwIfAny();

        Target target = target(userId, named, connectionId);
        if (agentId != null) {
            agents.require(userId, agentId, "inbound_agent");
        }
        if (inline != null) {
            agents.check(userId, inline, "inbound_agent");
        }
        if (held.find(userId, phoneNumber).isPresent()) {
            throw new Conflict(phoneNumber + " is already one of your numbers");
        }
        quotas.checkRoomForOne(Quota.NUMBERS, held.count(userId));
        AvailableNumber owned = target.provider().findOwned(target.connection().providerAccount(), phoneNumber)
                .orElseThrow(() -> new InvalidRequest("phone_number", "is not owned by the " + target.provider().name()
                        + " account of account connection " + target.connection().id()
                        + "; list what it owns with GET /v1/numbers/available and filters {\"source\":\"account\"}"));
        // Asked only once the caller's own account is known to own it: only a shared provider account gets here.
        if (held.isHeld(phoneNumber)) {
            throw new Conflict(phoneNumber + " is already held in Switchboard through another account connection");
        }
        // what the number points at before Switchboard touches it, restored when it is cancelled
        var previous = routing.before(target.connection(), target.provider(), phoneNumber, owned.providerNumberId())
                .orElse(null);
        var now = clock.instant();
        UUID knownAgent = agentId;
        try {
            // an inline agent and the number are committed together: a refused record leaves no agent behind
            HeldNumber number = Objects.requireNonNull(transaction.execute(status -> {
                UUID answering = inline == null ? knownAgent : agents.create(userId, inline, "inbound_agent");
                HeldNumber linked = new HeldNumber(UUID.randomUUID(), userId, phoneNumber, target.provider().name().wireName(),
                        target.connection().id(), HeldNumber.LINKED, owned.providerNumberId(), true, null, null,
                        Boolean.TRUE.equals(request.outboundOnly()), Map.of(),
                        answering, ProviderDetails.of(target.provider().name(), owned), now, now);
                held.insert(linked);
                routing.start(linked.id(), previous);
                events.publish(NumberEvent.Type.LINKED, linked);
                return linked;
            }));
            return routed(number);
        } catch (DuplicateKeyException raced) {
            throw new Conflict(phoneNumber + " is already held in Switchboard");
        }
    }

    PhoneNumberView get(UUID userId, String phoneNumber) {
        return views.view(find(userId, phoneNumber));
    }

    Page<PhoneNumberView> list(UUID userId, PageRequest page, NumberSort.Column sort, boolean descending) {
        List<HeldNumber> numbers = held.list(userId, sort, descending, page.offset(), page.size());
        return Page.counted(views.views(userId, numbers), held.count(userId), page);
    }

    /**
     * Changes the fields sent: a field left out stays; {@code null} clears {@code label}, {@code description} and
     * {@code inbound_agent} and empties {@code example_context}; {@code outbound_only} must be true or false.
     */
    PhoneNumberView update(UUID userId, String phoneNumber, JsonNode body) {
        HeldNumber number = find(userId, phoneNumber);
        RequestErrors errors = new RequestErrors();
        if (body == null || !body.isObject()) {
            throw new InvalidRequest("body", "must be a JSON object with any of " + UPDATE_FIELDS);
        }
        for (String field : body.propertyNames()) {
            if (!UPDATE_FIELDS.contains(field)) {
                errors.add(field, "unknown field; expected any of " + UPDATE_FIELDS.stream().sorted().toList());
            }
        }
        String label = body.has("label") ? text(body.get("label"), "label", MAX_LABEL, errors) : number.label();
        String description = body.has("description") ? text(body.get("description"), "description", MAX_DESCRIPTION, errors)
                : number.description();
        boolean outboundOnly = number.outboundOnly();
        if (body.has("outbound_only")) {
            JsonNode value = body.get("outbound_only");
            if (value.isBoolean()) {
                outboundOnly = value.booleanValue();
            } else {
                errors.add("outbound_only", "must be true or false");
            }
        }
        Map<String, Object> exampleContext = number.exampleContext();
        if (body.has("example_context")) {
            exampleContext = exampleContext(body.get("example_context"), errors);
        }
        UUID agentId = number.inboundAgentId();
        AgentRequest inline = null;
        if (body.has("inbound_agent")) {
            JsonNode value = body.get("inbound_agent");
            if (value.isObject()) {
                agentId = null;
                inline = inlineAgent(value, errors);
            } else {
                agentId = value.isNull() ? null
                        : id("inbound_agent", value.isString() ? value.asString() : "not a string", false, errors);
            }
        }
        errors.throwIfAny();
        if (agentId != null && !agentId.equals(number.inboundAgentId())) {
            agents.require(userId, agentId, "inbound_agent");
        }
        if (inline != null) {
            agents.check(userId, inline, "inbound_agent");
        }
        AgentRequest toCreate = inline;
        UUID kept = agentId;
        String finalLabel = label;
        String finalDescription = description;
        boolean finalOutboundOnly = outboundOnly;
        Map<String, Object> finalContext = exampleContext;
        // an inline agent (the SDK's AgentUpdateParams) is created in the transaction that points the number at it
        HeldNumber updated = Objects.requireNonNull(transaction.execute(status -> {
            UUID answering = toCreate == null ? kept : agents.create(userId, toCreate, "inbound_agent");
            HeldNumber changed = number.withChanges(finalLabel, finalDescription, finalOutboundOnly, finalContext,
                    answering, clock.instant());
            if (!held.update(changed)) {
                throw new ResourceNotFound("No number " + phoneNumber + " among yours");
            }
            if (!Objects.equals(answering, number.inboundAgentId())) {
                routing.restart(changed.id()); // pointed anew at the new agent (or nowhere new, without one)
            }
            events.publish(NumberEvent.Type.UPDATED, changed);
            return changed;
        }));
        return Objects.equals(updated.inboundAgentId(), number.inboundAgentId()) ? views.view(updated)
                : routed(updated);
    }

    /**
     * Gives the number up: a number Switchboard bought is released at the provider first (the account stops
     * paying for it), a linked one is only forgotten (the account keeps it). Answers the record as it was, inactive.
     */
    PhoneNumberView cancel(UUID userId, String phoneNumber) {
        HeldNumber number = find(userId, phoneNumber);
        PhoneNumberView last = views.view(number);
        if (number.bought()) {
            AccountConnection connection = connections.get(userId, number.accountConnectionId());
            TelephonyProviderName name = TelephonyProviderName.fromWireName(number.telephonyProvider()).orElseThrow();
            TelephonyProvider provider = providers.find(name).orElseThrow(() -> new InvalidRequest("phone_number",
                    "was bought through " + name + ", which is turned off on this Switchboard: it cannot be released now"));
            // Released first: should forgetting it fail, a retried cancel releases again (idempotent) and forgets.
            provider.release(connection.providerAccount(), number.phoneNumber(), number.providerNumberId());
        } else {
            routing.restore(userId, number);
        }
        PhoneNumberView released = new PhoneNumberView(last.id(), last.userId(), last.number(), false, last.label(),
                last.inboundAgentName(), last.outboundOnly(), last.exampleContext(), last.telephonyProvider(),
                last.telephonyAccountConnection(), last.description(), last.inboundAgent(), last.providerDetails(),
                last.routing());
        transaction.executeWithoutResult(status -> {
            if (held.delete(userId, number.id())) { // a cancel racing this one announces it instead
                events.publish(NumberEvent.Type.RELEASED, released, null);
            }
        });
        return released;
    }

    /**
     * Points the number again where Switchboard means it to point (after drift, a failure, or a change of
     * configuration), at once; answers the number with its routing as it now stands (pending when the provider
     * failed, retried later).
     */
    PhoneNumberView reroute(UUID userId, String phoneNumber) {
        HeldNumber number = find(userId, phoneNumber);
        if (RoutingState.RELEASED_EXTERNALLY.equals(routing.state(number.id()).status())) {
            throw new InvalidRequest("phone_number", "is no longer owned by the account at "
                    + number.telephonyProvider() + ", so it cannot be pointed anywhere; cancel it to forget it");
        }
        routing.restart(number.id());
        return routed(number);
    }

    private HeldNumber find(UUID userId, String phoneNumber) {
        return held.find(userId, phoneNumber).orElseThrow(() -> new ResourceNotFound("No number " + phoneNumber + " among yours"));
    }

    private Target target(UUID userId, @Nullable TelephonyProviderName named, UUID connectionId) {
        AccountConnection connection;
        try {
            connection = connections.get(userId, connectionId);
        } catch (ResourceNotFound notYours) {
            throw BodyReference.unknown("telephony_account_connection", "account connection", connectionId);
        }
        TelephonyProviderName provider = connection.type().provider();
        if (named != null && named != provider) {
            throw new InvalidRequest("telephony_provider", "is " + named + " but account connection " + connectionId
                    + " is " + connection.type() + "; use " + provider + " or leave telephony_provider out");
        }
        TelephonyProvider adapter = providers.find(provider).orElseThrow(() -> new InvalidRequest(
                "telephony_provider", provider + " is not enabled on this Switchboard"));
        return new Target(connection, adapter);
    }

    private static @Nullable String keyOf(@Nullable IdempotencyKey key) {
        return key == null ? null : key.value();
    }

    private static @Nullable TelephonyProviderName providerName(@Nullable String value, RequestErrors errors) {
        if (value == null) {
            return null;
        }
        Optional<TelephonyProviderName> name = TelephonyProviderName.fromWireName(value);
        if (name.isEmpty()) {
            errors.add("telephony_provider", "must be one of " + java.util.Arrays.stream(TelephonyProviderName.values())
                    .map(TelephonyProviderName::wireName).toList() + " (or left out: the connection implies it)");
        }
        return name.orElse(null);
    }

    /**
     * The platform's SDK may send {@code inbound_agent: "default"} on buy and link, the platform's account-wide
     * default agent. Switchboard has none: the number is recorded without an agent, as when the field is left out
     * (point it at one with update).
     */
    private static @Nullable String agentReference(@Nullable InboundAgentField sent) {
        return sent instanceof InboundAgentField.Reference(String value) && !"default".equals(value) ? value : null;
    }

    private static @Nullable UUID id(String field, @Nullable String value, boolean required, RequestErrors errors) {
        if (value == null) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        if (!Ids.isCanonical(value)) {
            errors.add(field, "must be an id (a UUID)");
            return null;
        }
        return UUID.fromString(value);
    }

    /** An inline agent on update, read as agents/create reads its body; a bad field is named under inbound_agent. */
    private @Nullable AgentRequest inlineAgent(JsonNode value, RequestErrors errors) {
        try {
            return json.treeToValue(value, AgentRequest.class);
        } catch (tools.jackson.core.JacksonException e) {
            StringBuilder path = new StringBuilder("inbound_agent");
            for (tools.jackson.core.JacksonException.Reference ref : e.getPath()) {
                if (ref.getPropertyName() != null) {
                    path.append('.').append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            errors.add(path.toString(), e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException
                    ? "unknown field" : "has the wrong type or format");
            return null;
        }
    }

    private static @Nullable String text(JsonNode value, String field, int max, RequestErrors errors) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(field, "must be a string or null");
            return null;
        }
        String text = value.asString();
        if (text.length() > max) {
            errors.add(field, "must be at most " + max + " characters");
            return null;
        }
        return text.isBlank() ? null : text;
    }

    private Map<String, Object> exampleContext(JsonNode value, RequestErrors errors) {
        if (value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            errors.add("example_context", "must be a JSON object");
            return Map.of();
        }
        // the platform's SDK types it Dict[str, Optional[str]]: any other value would fail its clients on read
        for (var entry : value.properties()) {
            if (!entry.getValue().isString() && !entry.getValue().isNull()) {
                errors.add("example_context." + entry.getKey(), "must be a string or null");
            }
        }
        String text = json.writeValueAsString(value);
        if (text.length() > MAX_EXAMPLE_CONTEXT) {
            errors.add("example_context", "must be at most " + MAX_EXAMPLE_CONTEXT + " characters as JSON");
            return Map.of();
        }
        return json.readValue(text, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
    }
}
