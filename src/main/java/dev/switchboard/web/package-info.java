/** Cross-cutting HTTP: problem details for every error, request ids, the typed request errors features throw. */
@NullMarked
package dev.switchboard.web;

import org.jspecify.annotations.NullMarked;
