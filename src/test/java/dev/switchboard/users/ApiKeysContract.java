package dev.switchboard.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The key lifecycle: a user adds, lists and revokes its keys; the operator disables a user; run on each database. */
public interface ApiKeysContract {

    ApiClient api();

    String newUser();

    @Test
    default void aSecondKeyIsShownOnceAndListedMaskedBesideTheFirst() {
        String first = newUser();
        Response created = api().post("/v1/api_keys/create", first, "");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String second = created.json().get("api_key").asString();
        assertThat(second).startsWith("sb_").hasSizeGreaterThan(40);
        assertThat(created.json().get("masked_key").asString()).isEqualTo(second.substring(0, 9) + "…");
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");

        Response list = api().get("/v1/api_keys/list", second);
        assertThat(list.status()).isEqualTo(200);
        JsonNode items = list.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(list.body()).doesNotContain(second).doesNotContain(first);
        assertThat(items.get(1).get("id").asString()).isEqualTo(created.json().get("id").asString());
        assertThat(items.get(1).get("active").asBoolean()).isTrue();
        assertThat(items.get(1).get("revoked_at").isNull()).isTrue();
        assertThat(items.get(0).get("masked_key").asString()).isEqualTo(first.substring(0, 9) + "…");
    }

    @Test
    default void aRevokedKeyIsRefusedAtOnceAndListedAsRevoked() {
        String first = newUser();
        Response created = api().post("/v1/api_keys/create", first, "");
        String second = created.json().get("api_key").asString();
        assertThat(api().get("/v1/api_keys/list", first).status()).isEqualTo(200); // cached as proven

        Response revoked = api().post("/v1/api_keys/revoke?id=" + firstKeyId(second), second, "");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().get("active").asBoolean()).isFalse();
        assertThat(revoked.json().get("revoked_at").isNull()).isFalse();

        assertThat(api().get("/v1/api_keys/list", first).status()).isEqualTo(401);
        Response again = api().post("/v1/api_keys/revoke?id=" + revoked.json().get("id").asString(), second, "");
        assertThat(again.status()).as("revoking twice changes nothing").isEqualTo(200);
    }

    @Test
    default void theLastActiveKeyCannotBeRevoked() {
        String only = newUser();
        Response r = api().post("/v1/api_keys/revoke?id=" + firstKeyId(only), only, "");
        assertThat(r.status()).isEqualTo(409);
        assertThat(api().get("/v1/api_keys/list", only).status()).isEqualTo(200);
    }

    @Test
    default void anotherUsersKeyIsNotFound() {
        String mine = newUser();
        String theirs = newUser();
        String theirKeyId = firstKeyId(theirs);
        api().post("/v1/api_keys/create", mine, "");
        Response r = api().post("/v1/api_keys/revoke?id=" + theirKeyId, mine, "");
        assertThat(r.status()).isEqualTo(404);
        assertThat(api().post("/v1/api_keys/revoke?id=" + UUID.randomUUID(), mine, "").status()).isEqualTo(404);
        assertThat(api().get("/v1/api_keys/list", theirs).status()).isEqualTo(200);
        assertThat(api().get("/v1/api_keys/list", mine).body()).doesNotContain(theirKeyId);
    }

    @Test
    default void activeKeysHaveAQuotaNamedWhenReached() {
        String key = newUser();
        for (int i = 1; i < 20; i++) {
            assertThat(api().post("/v1/api_keys/create", key, "").status()).isEqualTo(201);
        }
        Response r = api().post("/v1/api_keys/create", key, "");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:quota-exceeded");
        assertThat(r.json().get("detail").asString()).contains("switchboard.quotas.api-keys-per-user");
    }

    @Test
    default void theOperatorDisablesAUserWhoseKeysAreRefusedAtOnce() {
        Response user = api().post("/admin/v1/users", ApiClient.ADMIN_TOKEN,
                Map.of("email", "disable-" + UUID.randomUUID() + "@example.com"));
        String key = user.json().get("api_key").asString();
        String second = api().post("/v1/api_keys/create", key, "").json().get("api_key").asString();
        assertThat(api().get("/v1/api_keys/list", second).status()).isEqualTo(200);

        Response refused = api().post("/admin/v1/users/disable?id=" + user.json().get("user_id").asString(), key, "");
        assertThat(refused.status()).as("a user's key is not the admin token").isEqualTo(401);
        Response disabled = api().post("/admin/v1/users/disable?id=" + user.json().get("user_id").asString(),
                ApiClient.ADMIN_TOKEN, "");
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().get("revoked_keys").asInt()).isEqualTo(2);
        assertThat(api().get("/v1/api_keys/list", key).status()).isEqualTo(401);
        assertThat(api().get("/v1/api_keys/list", second).status()).isEqualTo(401);
        assertThat(api().post("/admin/v1/users/disable?id=" + UUID.randomUUID(), ApiClient.ADMIN_TOKEN, "").status())
                .isEqualTo(404);
    }

    @Test
    default void theAdminTokenIsCheckedBeforeTheBodyIsRead() {
        Response r = api().post("/admin/v1/users", "not-the-admin-token", "{this is not json");
        assertThat(r.status()).as("not 422: the body was never parsed").isEqualTo(401);
        assertThat(api().post("/admin/v1/users", ApiClient.ADMIN_TOKEN, "{this is not json").status()).isEqualTo(422);
    }

    private String firstKeyId(String key) {
        return api().get("/v1/api_keys/list", key).json().get("items").get(0).get("id").asString();
    }
}
