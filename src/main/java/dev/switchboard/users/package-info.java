/** Users and their bearer API keys: the admin endpoints, the key lifecycle and the authentication of every call. */
@NullMarked
package dev.switchboard.users;

import org.jspecify.annotations.NullMarked;
