/**
 * What one caller may use: request budgets per API key and per client address (token buckets, Bucket4j) behind one
 * store interface, and the per-user quotas on what a user keeps (connections, agents, numbers).
 */
@NullMarked
package dev.switchboard.limits;

import org.jspecify.annotations.NullMarked;
