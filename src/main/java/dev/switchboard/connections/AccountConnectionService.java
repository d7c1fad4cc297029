package dev.switchboard.connections;

import dev.switchboard.limits.Quota;
import dev.switchboard.limits.Quotas;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.cluster.SharedState;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.TelephonyProviders;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Creates, reads, lists and updates a user's account connections; the only door to their credentials. */
@Service
public class AccountConnectionService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountConnectionService.class);

    static final int MAX_LABEL = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_STEERING_POOL = 100;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private final AccountConnectionRepository repository;
    private final CredentialCipher cipher;
    private final JsonMapper json;
    private final Clock clock;
    private final TelephonyProviders providers;
    private final Quotas quotas;
    /**
     * Connections as {@link #get} last read and decrypted them, so that a busy connection costs no query and no
     * decryption per search. Short-lived: an update through this instance replaces its entry at once; one through
     * another instance is announced through Redis and dropped here within a second, or, without Redis (or with the
     * announcement lost in an outage), seen here within this time.
     */
    private final Cache<OwnedId, AccountConnection> recent = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(10)).build();

    private record OwnedId(UUID userId, UUID id) {}

    private static final List<String> TELEPHONY_TYPES = java.util.Arrays.stream(AccountConnectionType.values())
            .filter(AccountConnectionType::isTelephony).map(AccountConnectionType::wireName).toList();

    static final String CHANGED_TOPIC = "connection-changed";

    private final SharedState shared;

    AccountConnectionService(AccountConnectionRepository repository, CredentialCipher cipher, JsonMapper json,
            Clock clock, TelephonyProviders providers, Quotas quotas, SharedState shared) {
        this.shared = shared;
        // "<user id>|<connection id>" of a connection changed on another instance (its credentials, maybe)
        shared.listen(CHANGED_TOPIC, message -> {
            String[] ids = message.split("\\|");
            if (ids.length == 2) {
                recent.invalidate(new OwnedId(UUID.fromString(ids[0]), UUID.fromString(ids[1])));
            }
        });
        shared.onReconnect(recent::invalidateAll);
        this.providers = providers;
        this.quotas = quotas;
        this.repository = repository;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    public AccountConnection create(UUID userId, CreateAccountConnectionRequest request) {
        RequestErrors errors = new RequestErrors();
        AccountConnectionType type = null;
        if (request.type() == null) {
            errors.add("type", "is required; one of " + AccountConnectionType.wireNames());
        } else {
            type = AccountConnectionType.fromWireName(request.type()).orElse(null);
            if (type == null) {
                // the platform also connects LLM and speech providers (account_connection_anthropic, ..._deepgram);
                // Switchboard serves telephony accounts and the OpenAI key agents reference
                errors.add("type", "account connection type " + request.type() + " is not served by Switchboard;"
                        + " it serves " + AccountConnectionType.wireNames());
            } else if (type == AccountConnectionType.SANDBOX && providers.find(TelephonyProviderName.SANDBOX).isEmpty()) {
                errors.add("type", "the sandbox provider is turned off on this Switchboard");
            }
        }
        ConnectionCredentials credentials = type == null ? null
                : CredentialFields.parse(type, request.credentials(), null, errors);
        checkCommonFields(request.label(), request.description(), request.steeringPool(), errors);
        RoutingConfig.check(type, request.config(), errors);
        errors.throwIfAny();
        quotas.checkRoomForOne(Quota.CONNECTIONS, repository.count(userId));

        Instant now = clock.instant();
        AccountConnection connection = new AccountConnection(UUID.randomUUID(), userId, Objects.requireNonNull(type),
                blankToNull(request.label()), blankToNull(request.description()), Objects.requireNonNull(credentials),
                request.steeringPool() == null ? List.of() : nonNull(request.steeringPool()),
                Boolean.TRUE.equals(request.accountSupportsAnyCallerId()),
                request.config() == null ? Map.of() : nonNullValues(request.config()), now, now);
        repository.insert(toRow(connection));
        return connection;
    }

    /**
     * The caller's connection; 404 when it does not exist or is someone else's, 422 when its stored credentials
     * no longer decrypt (the secret key changed) and must be sent again.
     */
    public AccountConnection get(UUID userId, UUID id) {
        return recent.get(new OwnedId(userId, id), key -> {
            AccountConnectionRepository.Row row = find(userId, id);
            return fromRow(row, decrypt(row));
        });
    }

    private AccountConnectionRepository.Row find(UUID userId, UUID id) {
        return repository.find(userId, id).orElseThrow(() -> new ResourceNotFound("No account connection " + id));
    }

    /**
     * The caller's connections among these ids, loaded in one query (for expanding what references them);
     * ids that are missing or someone else's are simply absent from the map.
     */
    public Map<UUID, AccountConnection> findAll(UUID userId, java.util.Collection<UUID> ids) {
        var found = new java.util.LinkedHashMap<UUID, AccountConnection>();
        for (AccountConnectionRepository.Row row : repository.findAll(userId, java.util.Set.copyOf(ids))) {
            found.put(row.id(), fromRow(row, decrypt(row)));
        }
        return found;
    }

    /**
     * The caller's telephony connections, oldest first: all of them when there are at most {@code max}, else {@link
     * Telephony#count()} says how many there are (a search across accounts asks each one, up to a maximum). One query
     * (two past the maximum); each connection is decrypted only when {@link #get} has not lately.
     */
    public Telephony listTelephony(UUID userId, int max) {
        List<AccountConnectionRepository.Row> rows = repository.listOfTypes(userId, TELEPHONY_TYPES, max + 1);
        if (rows.size() > max) {
            return new Telephony(List.of(), repository.countOfTypes(userId, TELEPHONY_TYPES));
        }
        List<AccountConnection> found = rows.stream().map(row -> recent.get(new OwnedId(userId, row.id()),
                key -> fromRow(row, decrypt(row)))).toList();
        return new Telephony(found, found.size());
    }

    /** The caller's telephony connections, or only how many there are (when there are too many to list). */
    public record Telephony(List<AccountConnection> connections, long count) {}

    public Page<AccountConnection> list(UUID userId, PageRequest page) {
        List<AccountConnection> items = repository.list(userId, page).stream()
                .map(row -> fromRow(row, decrypt(row))).toList();
        return Page.counted(items, repository.count(userId), page);
    }

    /**
     * Changes what the request sends; omitted (or null) fields stay, an empty label or description clears it.
     * Credentials that no longer decrypt can be replaced here by sending the full set.
     */
    public AccountConnection update(UUID userId, UUID id, UpdateAccountConnectionRequest request) {
        AccountConnectionRepository.Row row = find(userId, id);
        AccountConnectionType type = typeOf(row);
        ConnectionCredentials stored = request.credentials() == null ? decrypt(row) : decryptOrNull(row);
        RequestErrors errors = new RequestErrors();
        if (request.type() != null && !request.type().equals(type.wireName())) {
            errors.add("type", "cannot change (" + type + "); create a new account connection instead");
        }
        ConnectionCredentials credentials = request.credentials() == null ? stored
                : CredentialFields.parse(type, request.credentials(), stored, errors);
        checkCommonFields(request.label(), request.description(), request.steeringPool(), errors);
        RoutingConfig.check(type, request.config(), errors);
        errors.throwIfAny();

        AccountConnection updated = new AccountConnection(id, userId, type,
                request.label() == null ? row.label() : blankToNull(request.label()),
                request.description() == null ? row.description() : blankToNull(request.description()),
                Objects.requireNonNull(credentials),
                request.steeringPool() == null ? json.readValue(row.steeringPoolJson(), STRING_LIST)
                        : nonNull(request.steeringPool()),
                request.accountSupportsAnyCallerId() == null ? row.accountSupportsAnyCallerId()
                        : request.accountSupportsAnyCallerId(),
                request.config() == null ? json.readValue(row.configJson(), OBJECT_MAP) : nonNullValues(request.config()),
                row.createdAt(), clock.instant());
        if (!repository.update(toRow(updated))) {
            throw new ResourceNotFound("No account connection " + id);
        }
        recent.put(new OwnedId(userId, id), updated);
        shared.announce(CHANGED_TOPIC, userId + "|" + id);
        return updated;
    }

    /** Adds a number to the connection's steering pool, or removes it; the pool's rules hold as on update. */
    public AccountConnection changeSteeringPool(UUID userId, UUID id, @Nullable String phoneNumber, boolean add) {
        AccountConnection current = get(userId, id);
        if (phoneNumber == null || !E164.matcher(phoneNumber).matches()) {
            throw new dev.switchboard.web.InvalidRequest("phone_number",
                    "is required: an E.164 phone number such as +14155550123");
        }
        var pool = new java.util.ArrayList<@Nullable String>(current.steeringPool());
        pool.remove(phoneNumber);
        if (add) {
            pool.add(phoneNumber);
        }
        return update(userId, id, new UpdateAccountConnectionRequest(null, null, null, null, pool, null, null));
    }

    private static void checkCommonFields(@Nullable String label, @Nullable String description,
            @Nullable List<@Nullable String> steeringPool, RequestErrors errors) {
        if (label != null && label.length() > MAX_LABEL) {
            errors.add("label", "must be at most " + MAX_LABEL + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (steeringPool != null) {
            if (steeringPool.size() > MAX_STEERING_POOL) {
                errors.add("steering_pool", "must hold at most " + MAX_STEERING_POOL + " numbers");
            }
            var seen = new HashSet<String>();
            for (int i = 0; i < steeringPool.size(); i++) {
                String number = steeringPool.get(i);
                if (number == null || !E164.matcher(number).matches()) {
                    errors.add("steering_pool[" + i + "]", "must be an E.164 phone number such as +14155550123");
                } else if (!seen.add(number)) {
                    errors.add("steering_pool[" + i + "]", "repeats " + number);
                }
            }
        }
    }

    private AccountConnectionRepository.Row toRow(AccountConnection c) {
        byte[] plaintext = json.writeValueAsString(CredentialFields.toMap(c.credentials()))
                .getBytes(StandardCharsets.UTF_8);
        return new AccountConnectionRepository.Row(c.id(), c.userId(), c.type().wireName(), c.label(), c.description(),
                cipher.encrypt(plaintext, c.id(), c.userId()), json.writeValueAsString(c.steeringPool()),
                c.accountSupportsAnyCallerId(), json.writeValueAsString(c.config()), c.createdAt(), c.updatedAt());
    }

    private ConnectionCredentials decrypt(AccountConnectionRepository.Row row) {
        byte[] plaintext;
        try {
            plaintext = cipher.decrypt(row.ciphertext(), row.id(), row.userId());
        } catch (IllegalStateException e) {
            log.error("Credentials of account connection {} do not decrypt: was SWITCHBOARD_SECRET_KEY changed?", row.id());
            throw new CredentialsUnreadable(row.id());
        }
        Map<String, String> values = json.readValue(new String(plaintext, StandardCharsets.UTF_8), STRING_MAP);
        return CredentialFields.fromMap(typeOf(row), values);
    }

    /** Null when the stored credentials do not decrypt, so an update can replace them. */
    private @Nullable ConnectionCredentials decryptOrNull(AccountConnectionRepository.Row row) {
        try {
            return decrypt(row);
        } catch (CredentialsUnreadable unreadable) {
            return null;
        }
    }

    private AccountConnection fromRow(AccountConnectionRepository.Row row, ConnectionCredentials credentials) {
        return new AccountConnection(row.id(), row.userId(), typeOf(row), row.label(), row.description(), credentials,
                json.readValue(row.steeringPoolJson(), STRING_LIST),
                row.accountSupportsAnyCallerId(), json.readValue(row.configJson(), OBJECT_MAP), row.createdAt(),
                row.updatedAt());
    }

    private static AccountConnectionType typeOf(AccountConnectionRepository.Row row) {
        return AccountConnectionType.fromWireName(row.type())
                .orElseThrow(() -> new IllegalStateException("unknown connection type in row " + row.id()));
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> nonNull(List<@Nullable String> list) {
        return list.stream().map(Objects::requireNonNull).toList();
    }

    private static Map<String, Object> nonNullValues(Map<String, @Nullable Object> map) {
        // Map.copyOf refuses nulls; a JSON null in config means "no value", so it is dropped.
        var copy = new java.util.LinkedHashMap<String, Object>();
        map.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
