package dev.switchboard.connections;

import dev.switchboard.web.ParameterError;
import dev.switchboard.web.ProblemException;
import dev.switchboard.web.ProblemType;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * A connection's stored credentials do not decrypt with the configured secret key (the key was changed or
 * lost). The caller can repair it by sending the full credentials again; answered 422 saying so.
 */
public final class CredentialsUnreadable extends ProblemException {

    public CredentialsUnreadable(UUID connectionId) {
        super(ProblemType.CREDENTIALS_UNREADABLE, HttpStatus.UNPROCESSABLE_CONTENT,
                "The stored credentials of account connection " + connectionId + " cannot be read (the server's "
                        + "secret key has changed); send them again with POST /v1/account_connections/update?id="
                        + connectionId,
                List.of(new ParameterError("credentials", "must be sent again in full")));
    }
}
