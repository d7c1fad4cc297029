package dev.switchboard.agents;

import static dev.switchboard.agents.AgentFixtures.assertSameAnswer;
import static dev.switchboard.agents.AgentFixtures.create;
import static dev.switchboard.agents.AgentFixtures.fullAgent;
import static dev.switchboard.agents.AgentFixtures.parameters;
import static dev.switchboard.agents.AgentFixtures.refs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agents.AgentFixtures.Refs;
import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The isolation matrix of the agents feature: for every endpoint, another user's id answers exactly as a missing
 * id does, and nothing of theirs is read, changed or referenced. Run on each database.
 */
public interface AgentsIsolationContract {

    ApiClient api();

    String newUser();

    JdbcClient jdbc();

    /** One resource of each kind of the owner's, by path, with a harmless update body. */
    private Map<String, Object[]> ownersResources(String owner, Refs refs) {
        String agent = create(api(), owner, "/v1/agents", fullAgent(refs));
        Map<String, Object[]> byPath = new LinkedHashMap<>();
        byPath.put("/v1/agents", new Object[] {agent, Map.of("name", "stolen")});
        byPath.put("/v1/prompts", new Object[] {refs.prompt(), Map.of("content", "stolen")});
        byPath.put("/v1/prompt_templates", new Object[] {refs.template(), Map.of("label", "stolen")});
        byPath.put("/v1/actions", new Object[] {refs.transfer(), Map.of("label", "stolen")});
        byPath.put("/v1/voices", new Object[] {refs.voice(), Map.of("label", "stolen")});
        byPath.put("/v1/webhooks", new Object[] {refs.webhook(), Map.of("url", "https://attacker.example/hook")});
        return byPath;
    }

    @Test
    default void anotherUsersIdAnswersExactlyAsAMissingOneOnEveryEndpoint() {
        String owner = newUser();
        String stranger = newUser();
        Refs refs = refs(api(), owner);
        String missing = UUID.randomUUID().toString();
        for (var entry : ownersResources(owner, refs).entrySet()) {
            String path = entry.getKey();
            String id = (String) entry.getValue()[0];
            Map<?, ?> change = (Map<?, ?>) entry.getValue()[1];
            String before = api().get(path + "?id=" + id, owner).body();

            Response theirs = api().get(path + "?id=" + id, stranger);
            assertThat(theirs.status()).as(path).isEqualTo(404);
            assertSameAnswer(theirs, api().get(path + "?id=" + missing, stranger));
            assertThat(theirs.body()).doesNotContain(id);

            Response update = api().post(path + "/update?id=" + id, stranger, change);
            assertThat(update.status()).as(path + " " + update).isEqualTo(404);
            assertSameAnswer(update, api().post(path + "/update?id=" + missing, stranger, change));
            // a bad body does not tell another user's id from a missing one either
            Response badUpdate = api().post(path + "/update?id=" + id, stranger, Map.of("label", "x".repeat(300)));
            assertSameAnswer(badUpdate, api().post(path + "/update?id=" + missing, stranger,
                    Map.of("label", "x".repeat(300))));

            assertThat(api().get(path + "/list", stranger).json().get("total").asLong()).as(path).isZero();
            assertThat(api().get(path + "?id=" + id, owner).body()).as(path + " unchanged").isEqualTo(before);
        }
    }

    @Test
    default void anAgentCannotReferenceAnotherUsersResources() {
        String owner = newUser();
        String stranger = newUser();
        Refs theirs = refs(api(), owner);
        Refs mine = refs(api(), stranger);
        String missing = UUID.randomUUID().toString();
        Map<String, String> stolen = Map.of("prompt", theirs.prompt(), "voice", theirs.voice(), "webhook",
                theirs.webhook(), "openai_account_connection", theirs.openai(), "actions", theirs.transfer());
        String myAgent = create(api(), stranger, "/v1/agents", fullAgent(mine));
        String myAgentBefore = api().get("/v1/agents?id=" + myAgent, stranger).body();

        for (var entry : stolen.entrySet()) {
            String field = entry.getKey();
            Object value = field.equals("actions") ? List.of(entry.getValue()) : entry.getValue();
            Object none = field.equals("actions") ? List.of(missing) : missing;
            String named = field.equals("actions") ? "actions[0]" : field;

            Map<String, Object> body = new HashMap<>(fullAgent(mine));
            body.put(field, value);
            Response create = api().post("/v1/agents/create", stranger, body);
            assertThat(parameters(create)).as(field).containsExactly(named);
            body.put(field, none);
            assertSameAnswer(create, api().post("/v1/agents/create", stranger, body));
            assertThat(create.body()).doesNotContain("Support", "Rachel", "example.com/webhook", "****wxyz");

            Response update = api().post("/v1/agents/update?id=" + myAgent, stranger, Map.of(field, value));
            assertThat(parameters(update)).as(field).containsExactly(named);
            assertSameAnswer(update, api().post("/v1/agents/update?id=" + myAgent, stranger, Map.of(field, none)));
        }
        assertThat(api().get("/v1/agents/list", stranger).json().get("total").asLong()).isEqualTo(1);
        assertThat(api().get("/v1/agents?id=" + myAgent, stranger).body()).isEqualTo(myAgentBefore);
        Long links = jdbc().sql("""
                        SELECT COUNT(*) FROM agents a
                        LEFT JOIN agent_actions aa ON aa.agent_id = a.id
                        LEFT JOIN actions x ON x.id = aa.action_id
                        LEFT JOIN prompts p ON p.id = a.prompt_id
                        LEFT JOIN voices v ON v.id = a.voice_id
                        LEFT JOIN webhooks w ON w.id = a.webhook_id
                        LEFT JOIN account_connections c ON c.id = a.openai_account_connection_id
                        WHERE x.user_id <> a.user_id OR p.user_id <> a.user_id OR v.user_id <> a.user_id
                           OR w.user_id <> a.user_id OR c.user_id <> a.user_id""")
                .query(Long.class).single();
        assertThat(links).as("rows linking one user's agent to another's resource").isZero();
    }

    @Test
    default void aPromptCannotUseAnotherUsersTemplate() {
        String owner = newUser();
        String stranger = newUser();
        String template = create(api(), owner, "/v1/prompt_templates", AgentFixtures.templateBody());
        String missing = UUID.randomUUID().toString();
        Response theirs = api().post("/v1/prompts/create", stranger, Map.of("content", "x", "prompt_template", template));
        assertThat(parameters(theirs)).containsExactly("prompt_template");
        assertSameAnswer(theirs, api().post("/v1/prompts/create", stranger, Map.of("content", "x",
                "prompt_template", missing)));
        String mine = create(api(), stranger, "/v1/prompts", Map.of("content", "x"));
        Response update = api().post("/v1/prompts/update?id=" + mine, stranger, Map.of("prompt_template", template));
        assertSameAnswer(update, api().post("/v1/prompts/update?id=" + mine, stranger,
                Map.of("prompt_template", missing)));
        assertThat(api().get("/v1/prompts?id=" + mine, stranger).json().get("prompt_template").isNull()).isTrue();
    }
}
