/**
 * The numbers API: {@code GET /v1/numbers/available} (its query, filters and the seed's response shape) and
 * the numbers a user holds through Switchboard.
 */
@NullMarked
package dev.switchboard.numbers;

import org.jspecify.annotations.NullMarked;
