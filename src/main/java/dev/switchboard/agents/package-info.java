/**
 * Agents and what they reference: prompts (with prompt templates), actions, voices and webhooks, each with
 * create, get, list and update in the platform's RPC style. {@link dev.switchboard.agents.AgentService} is the
 * public door other features use to show an agent expanded (a number's {@code inbound_agent}).
 */
@NullMarked
package dev.switchboard.agents;

import org.jspecify.annotations.NullMarked;
