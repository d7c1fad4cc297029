package dev.switchboard.agents;

import dev.switchboard.limits.Quota;
import dev.switchboard.limits.Quotas;
import dev.switchboard.connections.AccountConnection;
import dev.switchboard.connections.AccountConnectionService;
import dev.switchboard.connections.AccountConnectionType;
import dev.switchboard.connections.AccountConnectionView;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's agents: create, read, list, update, and the expansion other features use to show an agent in full
 * (a number's {@code inbound_agent}). Everything an agent references must be the caller's own; an id that is
 * missing or someone else's is a 422 naming the field, never a link to another user's data.
 */
@Service
public class AgentService {

    private final AgentRepository agents;
    private final PromptRepository prompts;
    private final ActionRepository actions;
    private final VoiceRepository voices;
    private final WebhookRepository webhooks;
    private final AccountConnectionService connections;
    private final Clock clock;
    private final Quotas quotas;

    AgentService(AgentRepository agents, PromptRepository prompts, ActionRepository actions, VoiceRepository voices,
            WebhookRepository webhooks, AccountConnectionService connections, Clock clock, Quotas quotas) {
        this.quotas = quotas;
        this.agents = agents;
        this.prompts = prompts;
        this.actions = actions;
        this.voices = voices;
        this.webhooks = webhooks;
        this.connections = connections;
        this.clock = clock;
    }

    /**
     * The caller's agents among {@code agentIds}, each expanded, keyed by id. Ids that are missing or another
     * user's are simply absent. A fixed number of queries whatever the number of agents (no N+1).
     */
    public Map<UUID, AgentView> expand(UUID userId, Collection<UUID> agentIds) {
        if (agentIds.isEmpty()) {
            return Map.of();
        }
        return expanded(userId, agents.findAll(userId, Set.copyOf(agentIds))).stream()
                .collect(Collectors.toMap(AgentView::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** The caller's agent, expanded; empty when it does not exist or is someone else's. */
    public Optional<AgentView> find(UUID userId, UUID agentId) {
        return agents.find(userId, agentId).map(a -> expanded(userId, List.of(a)).getFirst());
    }

    /** The caller's agent, expanded; 404 when it does not exist or is someone else's. */
    public AgentView get(UUID userId, UUID agentId) {
        return find(userId, agentId).orElseThrow(() -> notFound(agentId));
    }

    public Page<AgentView> list(UUID userId, PageRequest page) {
        List<AgentView> items = expanded(userId, agents.list(userId, page));
        return Page.counted(items, agents.count(userId), page);
    }

    /**
     * Checks a create request as {@link #create} would (fields, references, quota) without creating anything, so
     * another feature can refuse a bad inline agent before it does anything it cannot undo (a number's purchase).
     */
    @Transactional(readOnly = true)
    public void checkCreate(UUID userId, AgentRequest request) {
        RequestErrors errors = new RequestErrors();
        resolve(userId, AgentFields.check(request, true, errors), errors);
        errors.throwIfAny();
        quotas.checkRoomForOne(Quota.AGENTS, agents.count(userId));
    }

    @Transactional
    public AgentView create(UUID userId, AgentRequest request) {
        RequestErrors errors = new RequestErrors();
        AgentFields.Checked checked = AgentFields.check(request, true, errors);
        Resolved refs = resolve(userId, checked, errors);
        errors.throwIfAny();
        quotas.checkRoomForOne(Quota.AGENTS, agents.count(userId));
        Instant now = clock.instant();
        Agent agent = AgentFields.merge(checked, null, UUID.randomUUID(), userId, now);
        agents.insert(agent);
        return view(agent, refs);
    }

    @Transactional
    public AgentView update(UUID userId, UUID agentId, AgentRequest request) {
        Agent current = agents.find(userId, agentId).orElseThrow(() -> notFound(agentId));
        RequestErrors errors = new RequestErrors();
        AgentFields.Checked checked = AgentFields.check(request, false, errors);
        resolve(userId, checked, errors);
        errors.throwIfAny();
        Agent agent = AgentFields.merge(checked, current, agentId, userId, clock.instant());
        if (!agents.update(agent)) {
            throw notFound(agentId);
        }
        return expanded(userId, List.of(agent)).getFirst();
    }

    private static ResourceNotFound notFound(UUID agentId) {
        return new ResourceNotFound("No such agent");
    }

    /** What a request references, loaded in one query per kind and checked to be the caller's own. */
    private record Resolved(@Nullable PromptView prompt, List<ActionView> actions, @Nullable VoiceView voice,
            @Nullable WebhookView webhook, @Nullable AccountConnectionView openaiAccountConnection) {}

    private Resolved resolve(UUID userId, AgentFields.Checked checked, RequestErrors errors) {
        PromptView prompt = null;
        if (checked.prompt() != null && checked.prompt().id() != null) {
            UUID id = checked.prompt().id();
            prompt = prompts.findAll(userId, Set.of(id)).get(id);
            if (prompt == null) {
                errors.add("prompt", "is not the id of a prompt of yours");
            }
        }
        VoiceView voice = null;
        if (checked.voice() != null && checked.voice().id() != null) {
            UUID id = checked.voice().id();
            voice = voices.findAll(userId, Set.of(id)).get(id);
            if (voice == null) {
                errors.add("voice", "is not the id of a voice of yours");
            }
        }
        WebhookView webhook = null;
        if (checked.webhook() != null && checked.webhook().id() != null) {
            UUID id = checked.webhook().id();
            webhook = webhooks.findAll(userId, Set.of(id)).get(id);
            if (webhook == null) {
                errors.add("webhook", "is not the id of a webhook of yours");
            }
        }
        AccountConnectionView openai = null;
        if (checked.openaiAccountConnection() != null && checked.openaiAccountConnection().id() != null) {
            UUID id = checked.openaiAccountConnection().id();
            AccountConnection connection = connections.findAll(userId, Set.of(id)).get(id);
            if (connection == null) {
                errors.add("openai_account_connection", "is not the id of an account connection of yours");
            } else if (connection.type() != AccountConnectionType.OPENAI) {
                errors.add("openai_account_connection", "must be an " + AccountConnectionType.OPENAI + " connection; this one is "
                        + connection.type());
            } else {
                openai = connection.view();
            }
        }
        List<ActionView> actionViews = new ArrayList<>();
        if (checked.actionIds() != null) {
            Map<UUID, ActionView> found = actions.findAll(userId, new LinkedHashSet<>(checked.actionIds()));
            for (int i = 0; i < checked.actionIds().size(); i++) {
                UUID id = checked.actionIds().get(i);
                ActionView action = found.get(id);
                if (action == null) {
                    errors.add("actions[" + checked.actionPositions().get(i) + "]", "is not the id of an action of yours");
                } else {
                    actionViews.add(action);
                }
            }
        }
        return new Resolved(prompt, actionViews, voice, webhook, openai);
    }

    private AgentView view(Agent agent, Resolved refs) {
        return AgentFields.view(agent, refs.prompt(), refs.actions(), refs.voice(), refs.webhook(),
                refs.openaiAccountConnection());
    }

    /** Expands agents with one query per kind of reference, whatever their number. */
    private List<AgentView> expanded(UUID userId, List<Agent> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<UUID, PromptView> promptsById = prompts.findAll(userId, ids(list, Agent::promptId));
        Map<UUID, VoiceView> voicesById = voices.findAll(userId, ids(list, Agent::voiceId));
        Map<UUID, WebhookView> webhooksById = webhooks.findAll(userId, ids(list, Agent::webhookId));
        Map<UUID, ActionView> actionsById = actions.findAll(userId,
                list.stream().flatMap(a -> a.actionIds().stream()).collect(Collectors.toSet()));
        Set<UUID> connectionIds = ids(list, Agent::openaiAccountConnectionId);
        Map<UUID, AccountConnection> connectionsById = connectionIds.isEmpty() ? Map.of()
                : connections.findAll(userId, connectionIds);
        return list.stream().map(a -> AgentFields.view(a,
                        a.promptId() == null ? null : promptsById.get(a.promptId()),
                        a.actionIds().stream().map(actionsById::get).filter(Objects::nonNull).toList(),
                        a.voiceId() == null ? null : voicesById.get(a.voiceId()),
                        a.webhookId() == null ? null : webhooksById.get(a.webhookId()),
                        a.openaiAccountConnectionId() == null || !connectionsById.containsKey(a.openaiAccountConnectionId())
                                ? null : connectionsById.get(a.openaiAccountConnectionId()).view()))
                .toList();
    }

    private static Set<UUID> ids(List<Agent> list, Function<Agent, @Nullable UUID> id) {
        return list.stream().map(id).filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
