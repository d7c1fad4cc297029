package dev.switchboard.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Agent rows and their ordered action links. Every method takes the owner's id and filters on it. Reads load
 * the action ids of all the agents read in one more query, never one per agent.
 */
@Repository
class AgentRepository {

    private static final String COLUMNS = """
            id, user_id, name, prompt_id, language, voice_id, initial_message, webhook_id, interrupt_sensitivity,
            context_endpoint, noise_suppression, endpointing_sensitivity, ivr_navigation_mode, conversation_speed,
            initial_message_delay, openai_model_name_override, ask_if_human_present_on_idle,
            openai_account_connection_id, run_do_not_call_detection, llm_fallback, deepgram_keywords,
            idle_time_seconds, llm_temperature, enable_recording, provider, model, label, description, transcriber,
            call_duration_sec, max_idle_check_count, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final Rows rows;

    AgentRepository(JdbcClient jdbc, Rows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** Inserts the agent and its action links; call inside a transaction. */
    void insert(Agent a) {
        jdbc.sql("INSERT INTO agents (" + COLUMNS + ") VALUES (:id, :userId, :name, :promptId, :language, :voiceId, "
                        + ":initialMessage, :webhookId, :interruptSensitivity, :contextEndpoint, :noiseSuppression, "
                        + ":endpointingSensitivity, :ivrNavigationMode, :conversationSpeed, :initialMessageDelay, "
                        + ":openaiModelNameOverride, :askIfHumanPresentOnIdle, :openaiAccountConnectionId, "
                        + ":runDoNotCallDetection, :llmFallback, :deepgramKeywords, :idleTimeSeconds, :llmTemperature, "
                        + ":enableRecording, :provider, :model, :label, :description, :transcriber, :callDurationSec, "
                        + ":maxIdleCheckCount, :createdAt, :updatedAt)")
                .params(params(a)).update();
        insertActions(a);
    }

    /** Updates the owner's agent and replaces its action links; false when there is no such agent of theirs. */
    boolean update(Agent a) {
        boolean updated = jdbc.sql("""
                        UPDATE agents SET name = :name, prompt_id = :promptId, language = :language, voice_id = :voiceId,
                          initial_message = :initialMessage, webhook_id = :webhookId,
                          interrupt_sensitivity = :interruptSensitivity, context_endpoint = :contextEndpoint,
                          noise_suppression = :noiseSuppression, endpointing_sensitivity = :endpointingSensitivity,
                          ivr_navigation_mode = :ivrNavigationMode, conversation_speed = :conversationSpeed,
                          initial_message_delay = :initialMessageDelay,
                          openai_model_name_override = :openaiModelNameOverride,
                          ask_if_human_present_on_idle = :askIfHumanPresentOnIdle,
                          openai_account_connection_id = :openaiAccountConnectionId,
                          run_do_not_call_detection = :runDoNotCallDetection, llm_fallback = :llmFallback,
                          deepgram_keywords = :deepgramKeywords, idle_time_seconds = :idleTimeSeconds,
                          llm_temperature = :llmTemperature, enable_recording = :enableRecording, provider = :provider,
                          model = :model, label = :label, description = :description, transcriber = :transcriber,
                          call_duration_sec = :callDurationSec, max_idle_check_count = :maxIdleCheckCount,
                          updated_at = :updatedAt
                        WHERE id = :id AND user_id = :userId""")
                .params(params(a)).update() == 1;
        if (updated) {
            jdbc.sql("DELETE FROM agent_actions WHERE agent_id = :id").param("id", a.id()).update();
            insertActions(a);
        }
        return updated;
    }

    private void insertActions(Agent a) {
        for (int i = 0; i < a.actionIds().size(); i++) {
            jdbc.sql("INSERT INTO agent_actions (agent_id, action_id, position) VALUES (:agentId, :actionId, :position)")
                    .param("agentId", a.id()).param("actionId", a.actionIds().get(i)).param("position", i)
                    .update();
        }
    }

    Optional<Agent> find(UUID userId, UUID id) {
        List<Agent> found = withActions(userId, jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE id = :id AND user_id = :userId")
                .param("id", id).param("userId", userId).query(this::row).list());
        return found.stream().findFirst();
    }

    /** The owner's agents among these ids (two queries whatever their number); others' ids are simply absent. */
    List<Agent> findAll(UUID userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withActions(userId, jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE user_id = :userId AND id IN (:ids)")
                .param("userId", userId).param("ids", ids).query(this::row).list());
    }

    List<Agent> list(UUID userId, dev.switchboard.web.PageRequest page) {
        return withActions(userId, jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE user_id = :userId "
                        + "ORDER BY " + page.orderBy("") + " LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("limit", page.size()).param("offset", page.offset()).query(this::row).list());
    }

    long count(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM agents WHERE user_id = :userId")
                .param("userId", userId).query(Long.class).single();
    }

    private List<Agent> withActions(UUID userId, List<Agent> agents) {
        if (agents.isEmpty()) {
            return agents;
        }
        Map<UUID, List<UUID>> links = new HashMap<>();
        jdbc.sql("""
                        SELECT aa.agent_id, aa.action_id FROM agent_actions aa
                        JOIN agents g ON g.id = aa.agent_id
                        WHERE g.user_id = :userId AND aa.agent_id IN (:ids)
                        ORDER BY aa.agent_id, aa.position""")
                .param("userId", userId).param("ids", agents.stream().map(Agent::id).toList())
                .query(rs -> {
                    links.computeIfAbsent(Rows.uuid(rs, "agent_id"), k -> new ArrayList<>())
                            .add(Rows.uuid(rs, "action_id"));
                });
        return agents.stream().map(a -> a.withActionIds(links.getOrDefault(a.id(), List.of()))).toList();
    }

    private Map<String, @Nullable Object> params(Agent a) {
        var map = new HashMap<String, @Nullable Object>();
        map.put("id", a.id());
        map.put("userId", a.userId());
        map.put("name", a.name());
        map.put("promptId", a.promptId());
        map.put("language", a.language());
        map.put("voiceId", a.voiceId());
        map.put("initialMessage", a.initialMessage());
        map.put("webhookId", a.webhookId());
        map.put("interruptSensitivity", a.interruptSensitivity());
        map.put("contextEndpoint", a.contextEndpoint());
        map.put("noiseSuppression", a.noiseSuppression());
        map.put("endpointingSensitivity", a.endpointingSensitivity());
        map.put("ivrNavigationMode", a.ivrNavigationMode());
        map.put("conversationSpeed", a.conversationSpeed());
        map.put("initialMessageDelay", a.initialMessageDelay());
        map.put("openaiModelNameOverride", a.openaiModelNameOverride());
        map.put("askIfHumanPresentOnIdle", a.askIfHumanPresentOnIdle());
        map.put("openaiAccountConnectionId", a.openaiAccountConnectionId());
        map.put("runDoNotCallDetection", a.runDoNotCallDetection());
        map.put("llmFallback", rows.json(a.llmFallback()));
        map.put("deepgramKeywords", rows.json(a.deepgramKeywords()));
        map.put("idleTimeSeconds", a.idleTimeSeconds());
        map.put("llmTemperature", a.llmTemperature());
        map.put("enableRecording", a.enableRecording());
        map.put("provider", a.provider());
        map.put("model", a.model());
        map.put("label", a.label());
        map.put("description", a.description());
        map.put("transcriber", rows.json(a.transcriber()));
        map.put("callDurationSec", a.callDurationSec());
        map.put("maxIdleCheckCount", a.maxIdleCheckCount());
        map.put("createdAt", Rows.utc(a.createdAt()));
        map.put("updatedAt", Rows.utc(a.updatedAt()));
        return map;
    }

    private Agent row(ResultSet rs, int n) throws SQLException {
        return new Agent(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("name"),
                Rows.nullableUuid(rs, "prompt_id"), orElse(rs.getString("language"), Vocabulary.DEFAULT_LANGUAGE),
                List.of(), Rows.nullableUuid(rs, "voice_id"), rs.getString("initial_message"),
                Rows.nullableUuid(rs, "webhook_id"),
                orElse(rs.getString("interrupt_sensitivity"), Vocabulary.DEFAULT_INTERRUPT_SENSITIVITY),
                rs.getString("context_endpoint"), rs.getBoolean("noise_suppression"),
                orElse(rs.getString("endpointing_sensitivity"), Vocabulary.DEFAULT_ENDPOINTING_SENSITIVITY),
                orElse(rs.getString("ivr_navigation_mode"), Vocabulary.DEFAULT_IVR_NAVIGATION_MODE),
                number(rs, "conversation_speed", Vocabulary.DEFAULT_CONVERSATION_SPEED),
                (int) number(rs, "initial_message_delay", Vocabulary.DEFAULT_INITIAL_MESSAGE_DELAY),
                rs.getString("openai_model_name_override"), rs.getBoolean("ask_if_human_present_on_idle"),
                Rows.nullableUuid(rs, "openai_account_connection_id"), rs.getBoolean("run_do_not_call_detection"),
                rows.object(rs, "llm_fallback"), rows.stringMap(rs, "deepgram_keywords"),
                (int) number(rs, "idle_time_seconds", Vocabulary.DEFAULT_IDLE_TIME_SECONDS),
                number(rs, "llm_temperature", Vocabulary.DEFAULT_LLM_TEMPERATURE), rs.getBoolean("enable_recording"),
                orElse(rs.getString("provider"), Vocabulary.DEFAULT_PROVIDER),
                orElse(rs.getString("model"), Vocabulary.DEFAULT_MODEL), rs.getString("label"),
                rs.getString("description"), rows.object(rs, "transcriber"),
                (int) number(rs, "call_duration_sec", Vocabulary.DEFAULT_CALL_DURATION_SEC),
                (int) number(rs, "max_idle_check_count", Vocabulary.DEFAULT_MAX_IDLE_CHECK_COUNT),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    // Columns are nullable in the schema; every agent Switchboard writes has a value, defaults cover the rest.
    private static String orElse(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static double number(ResultSet rs, String column, double fallback) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? fallback : value;
    }
}
