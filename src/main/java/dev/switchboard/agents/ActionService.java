package dev.switchboard.agents;

import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** A user's actions: what an agent can do during a call (transfer, hang up, press digits, call an API...). */
@Service
class ActionService {

    private final ActionRepository actions;
    private final Clock clock;

    ActionService(ActionRepository actions, Clock clock) {
        this.actions = actions;
        this.clock = clock;
    }

    ActionView create(UUID userId, ActionRequest r) {
        RequestErrors errors = new RequestErrors();
        Checks.labelAndDescription(r.label(), r.description(), errors);
        Map<String, Object> config = Map.of();
        if (r.type() == null) {
            errors.add("type", "is required; one of " + Vocabulary.ACTION_TYPES);
        } else if (!Vocabulary.ACTION_TYPES.contains(r.type())) {
            errors.add("type", "must be one of " + Vocabulary.ACTION_TYPES);
        } else {
            config = ActionConfigs.config(r.type(), r.config(), errors);
        }
        Map<String, Object> trigger = ActionConfigs.trigger(r.actionTrigger(), errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        var action = new ActionView(UUID.randomUUID(), userId, r.type(), Checks.blankToNull(r.label()),
                Checks.blankToNull(r.description()), config, trigger, now, now);
        actions.insert(action);
        return action;
    }

    ActionView get(UUID userId, UUID id) {
        return actions.find(userId, id).orElseThrow(() -> notFound(id));
    }

    Page<ActionView> list(UUID userId, PageRequest page) {
        return Page.counted(actions.list(userId, page), actions.count(userId), page);
    }

    /** Changes what is sent; {@code config}, when sent, replaces the whole config. The type cannot change. */
    ActionView update(UUID userId, UUID id, ActionRequest r) {
        ActionView current = get(userId, id);
        RequestErrors errors = new RequestErrors();
        Checks.labelAndDescription(r.label(), r.description(), errors);
        if (r.type() != null && !r.type().equals(current.type())) {
            errors.add("type", "cannot change (" + current.type() + "); create a new action instead");
        }
        Map<String, Object> config = r.config() == null ? current.config()
                : ActionConfigs.config(current.type(), r.config(), errors);
        Map<String, Object> trigger = r.actionTrigger() == null ? current.actionTrigger()
                : ActionConfigs.trigger(r.actionTrigger(), errors);
        errors.throwIfAny();
        var updated = new ActionView(id, userId, current.type(),
                r.label() == null ? current.label() : Checks.blankToNull(r.label()),
                r.description() == null ? current.description() : Checks.blankToNull(r.description()),
                config, trigger, current.createdAt(), clock.instant());
        if (!actions.update(updated)) {
            throw notFound(id);
        }
        return updated;
    }

    private static ResourceNotFound notFound(UUID id) {
        return new ResourceNotFound("No such action");
    }
}
