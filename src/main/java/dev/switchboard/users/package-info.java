/** Users and their bearer API keys: the admin endpoint that creates them and the authentication of every call. */
@NullMarked
package dev.switchboard.users;

import org.jspecify.annotations.NullMarked;
