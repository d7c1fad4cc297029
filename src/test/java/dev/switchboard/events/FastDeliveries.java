package dev.switchboard.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The service as {@link WebhookDeliveryContract} runs it: private targets allowed (the receiver is on loopback), the
 * worker every 100 ms, retries after 0.2 s, 0.4 s, 0.8 s, then every second, for 6 s.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = {"switchboard.webhooks.allow-private-targets=true",
        "switchboard.webhooks.delivery.interval=100ms", "switchboard.webhooks.delivery.lease=10s",
        "switchboard.webhooks.delivery.connect-timeout=1s", "switchboard.webhooks.delivery.read-timeout=2s",
        "switchboard.webhooks.retry.initial=200ms", "switchboard.webhooks.retry.max=1s",
        "switchboard.webhooks.retry.give-up-after=6s"})
@interface FastDeliveries {}
