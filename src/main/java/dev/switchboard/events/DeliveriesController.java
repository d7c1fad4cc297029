package dev.switchboard.events;

import dev.switchboard.agents.WebhookSubscriptions;
import dev.switchboard.users.AuthenticatedUser;
import dev.switchboard.web.Ids;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.ResourceNotFound;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/webhooks/deliveries?id=}: the deliveries of one of the caller's webhooks, paged like every list. */
@RestController
class DeliveriesController {

    private final WebhookSubscriptions webhooks;
    private final DeliveryRepository deliveries;

    DeliveriesController(WebhookSubscriptions webhooks, DeliveryRepository deliveries) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    @GetMapping("/v1/webhooks/deliveries")
    Page<DeliveryView> list(AuthenticatedUser user, @RequestParam("id") String id,
            @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(name = "sort_column", required = false) @Nullable String sortColumn,
            @RequestParam(name = "sort_desc", required = false) @Nullable Boolean sortDesc) {
        UUID webhookId = Ids.parse("id", id);
        PageRequest request = PageRequest.of(page, size, sortColumn, sortDesc);
        if (!webhooks.exists(user.id(), webhookId)) {
            throw new ResourceNotFound("No such webhook");
        }
        return Page.counted(deliveries.list(user.id(), webhookId, request).stream().map(DeliveryView::of).toList(),
                deliveries.count(user.id(), webhookId), request);
    }
}
