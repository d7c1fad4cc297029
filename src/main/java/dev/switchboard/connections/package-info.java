/**
 * Account connections: a user's stored provider credentials (encrypted at rest, masked in every response)
 * and the API to create, read, list and update them.
 */
@NullMarked
package dev.switchboard.connections;

import org.jspecify.annotations.NullMarked;
