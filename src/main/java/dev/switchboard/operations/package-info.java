/**
 * What operators and integrators use to run and adopt Switchboard: the OpenAPI description and its reference
 * page, the per-request access log, and the console page's server side. Depends on the features' public types
 * only, so every endpoint a feature adds is described and logged without this package knowing it.
 */
@NullMarked
package dev.switchboard.operations;

import org.jspecify.annotations.NullMarked;
