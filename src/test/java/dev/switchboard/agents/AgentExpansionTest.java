package dev.switchboard.agents;

import static dev.switchboard.agents.AgentFixtures.create;
import static dev.switchboard.agents.AgentFixtures.fullAgent;
import static dev.switchboard.agents.AgentFixtures.refs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agents.AgentFixtures.Refs;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link AgentService#expand} as the numbers feature calls it: only the caller's agents, fully expanded, in a fixed
 * number of SQL statements whatever the number of agents (no N+1). Statements are counted on the test's thread
 * through a counting wrapper around the real data source.
 */
@Import(AgentExpansionTest.CountingStatements.class)
class AgentExpansionTest extends OnEmbeddedDatabase {

    private static final ThreadLocal<AtomicInteger> STATEMENTS = new ThreadLocal<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class CountingStatements {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource ds ? counting(ds) : bean;
                }
            };
        }

        private static DataSource counting(DataSource target) {
            return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        Object result = invoke(target, method, args);
                        return result instanceof Connection c ? countingConnection(c) : result;
                    });
        }

        private static Connection countingConnection(Connection target) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        AtomicInteger counter = STATEMENTS.get();
                        if (counter != null && (method.getName().equals("prepareStatement")
                                || method.getName().equals("createStatement") || method.getName().equals("prepareCall"))) {
                            counter.incrementAndGet();
                        }
                        return invoke(target, method, args);
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Autowired
    private AgentService agents;

    private static <T> int statements(Supplier<T> call, List<T> result) {
        AtomicInteger counter = new AtomicInteger();
        STATEMENTS.set(counter);
        try {
            result.add(call.get());
        } finally {
            STATEMENTS.remove();
        }
        return counter.get();
    }

    private UUID userId(String key) {
        return UUID.fromString(api().get("/v1/agents/list", key).json().get("items").get(0).get("user_id").asString());
    }

    @Test
    void expandsOnlyTheCallersAgentsInAFixedNumberOfStatements() {
        String owner = newUser();
        String stranger = newUser();
        Refs refs = refs(api(), owner);
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> body = new HashMap<>(fullAgent(refs));
            body.put("name", "agent " + i);
            if (i == 5) {
                body.put("actions", List.of(refs.hangUp()));
            }
            mine.add(UUID.fromString(create(api(), owner, "/v1/agents", body)));
        }
        UUID theirs = UUID.fromString(create(api(), stranger, "/v1/agents", fullAgent(refs(api(), stranger))));
        UUID ownerId = userId(owner);

        List<Map<UUID, AgentView>> one = new ArrayList<>();
        int forOne = statements(() -> agents.expand(ownerId, List.of(mine.getFirst())), one);
        List<Map<UUID, AgentView>> many = new ArrayList<>();
        List<UUID> asked = new ArrayList<>(mine);
        asked.add(theirs);
        asked.add(UUID.randomUUID());
        int forMany = statements(() -> agents.expand(ownerId, asked), many);

        assertThat(forMany).as("statements for 6 agents: agents, action links, prompts with templates, actions, voices, "
                + "webhooks, connections").isEqualTo(forOne).isEqualTo(7);
        Map<UUID, AgentView> expanded = many.getFirst();
        assertThat(expanded.keySet()).containsExactlyInAnyOrderElementsOf(mine);
        AgentView first = expanded.get(mine.getFirst());
        assertThat(first.prompt().promptTemplate().id().toString()).isEqualTo(refs.template());
        assertThat(first.actions()).extracting(a -> a.id().toString()).containsExactly(refs.transfer(), refs.hangUp());
        assertThat(expanded.get(mine.getLast()).actions()).extracting(a -> a.id().toString())
                .containsExactly(refs.hangUp());
        assertThat(first.openaiAccountConnection().credentials().get("openai_api_key")).isEqualTo("****wxyz");
        assertThat(first.voice().id().toString()).isEqualTo(refs.voice());
        assertThat(first.webhook().id().toString()).isEqualTo(refs.webhook());

        assertThat(agents.expand(ownerId, List.of(theirs))).isEmpty();
        assertThat(agents.find(ownerId, theirs)).isEmpty();
        assertThat(agents.find(ownerId, mine.get(2))).get().isEqualTo(expanded.get(mine.get(2)));
        List<Map<UUID, AgentView>> none = new ArrayList<>();
        assertThat(statements(() -> agents.expand(ownerId, List.of()), none)).isZero();
        assertThat(none.getFirst()).isEmpty();
    }
}
