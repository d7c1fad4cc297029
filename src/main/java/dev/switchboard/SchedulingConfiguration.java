package dev.switchboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on {@code @Scheduled} jobs: the reconciliation of pending number purchases with their providers and the
 * purge of expired idempotency keys. Their intervals are settings of the feature that owns each job.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {}
