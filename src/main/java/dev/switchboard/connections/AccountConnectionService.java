package dev.switchboard.connections;

import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

    AccountConnectionService(AccountConnectionRepository repository, CredentialCipher cipher, JsonMapper json,
            Clock clock) {
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
                errors.add("type", "must be one of " + AccountConnectionType.wireNames());
            }
        }
        ProviderCredentials credentials = type == null ? null
                : CredentialFields.parse(type, request.credentials(), null, errors);
        checkCommonFields(request.label(), request.description(), request.steeringPool(), errors);
        errors.throwIfAny();

        Instant now = clock.instant();
        AccountConnection connection = new AccountConnection(UUID.randomUUID(), userId, Objects.requireNonNull(type),
                blankToNull(request.label()), blankToNull(request.description()), Objects.requireNonNull(credentials),
                request.steeringPool() == null ? List.of() : nonNull(request.steeringPool()),
                Boolean.TRUE.equals(request.accountSupportsAnyCallerId()),
                request.config() == null ? Map.of() : nonNullValues(request.config()), now, now);
        repository.insert(toRow(connection));
        return connection;
    }

    /** The caller's connection; 404 when it does not exist or is someone else's. */
    public AccountConnection get(UUID userId, UUID id) {
        return repository.find(userId, id).map(this::fromRow)
                .orElseThrow(() -> new ResourceNotFound("No account connection " + id));
    }

    public Page<AccountConnection> list(UUID userId, PageRequest page) {
        List<AccountConnection> items = repository.list(userId, page.offset(), page.size()).stream()
                .map(this::fromRow).toList();
        return Page.counted(items, repository.count(userId), page);
    }

    /** Changes what the request sends; omitted (or null) fields stay, an empty label or description clears it. */
    public AccountConnection update(UUID userId, UUID id, UpdateAccountConnectionRequest request) {
        AccountConnection current = get(userId, id);
        RequestErrors errors = new RequestErrors();
        if (request.type() != null && !request.type().equals(current.type().wireName())) {
            errors.add("type", "cannot change (" + current.type() + "); create a new account connection instead");
        }
        ProviderCredentials credentials = request.credentials() == null ? current.credentials()
                : CredentialFields.parse(current.type(), request.credentials(), current.credentials(), errors);
        checkCommonFields(request.label(), request.description(), request.steeringPool(), errors);
        errors.throwIfAny();

        AccountConnection updated = new AccountConnection(id, userId, current.type(),
                request.label() == null ? current.label() : blankToNull(request.label()),
                request.description() == null ? current.description() : blankToNull(request.description()),
                Objects.requireNonNull(credentials),
                request.steeringPool() == null ? current.steeringPool() : nonNull(request.steeringPool()),
                request.accountSupportsAnyCallerId() == null ? current.accountSupportsAnyCallerId()
                        : request.accountSupportsAnyCallerId(),
                request.config() == null ? current.config() : nonNullValues(request.config()),
                current.createdAt(), clock.instant());
        if (!repository.update(toRow(updated))) {
            throw new ResourceNotFound("No account connection " + id);
        }
        return updated;
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

    private AccountConnection fromRow(AccountConnectionRepository.Row row) {
        AccountConnectionType type = AccountConnectionType.fromWireName(row.type())
                .orElseThrow(() -> new IllegalStateException("unknown connection type in row " + row.id()));
        byte[] plaintext = cipher.decrypt(row.ciphertext(), row.id(), row.userId());
        Map<String, String> values = json.readValue(new String(plaintext, StandardCharsets.UTF_8), STRING_MAP);
        return new AccountConnection(row.id(), row.userId(), type, row.label(), row.description(),
                CredentialFields.fromMap(type, values), json.readValue(row.steeringPoolJson(), STRING_LIST),
                row.accountSupportsAnyCallerId(), json.readValue(row.configJson(), OBJECT_MAP), row.createdAt(),
                row.updatedAt());
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @SuppressWarnings("NullAway")
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
