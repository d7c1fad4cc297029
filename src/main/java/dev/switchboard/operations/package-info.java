/**
 * What operators and integrators use to run and adopt Switchboard: the OpenAPI description and its reference
 * page, the log format switch, and the console page's server side (the per-request log line is the HTTP edge's,
 * web.Edge). Depends on the features' public types only, so every endpoint a feature adds is described without this
 * package knowing it.
 */
@NullMarked
package dev.switchboard.operations;

import org.jspecify.annotations.NullMarked;
