package dev.switchboard.idempotency;

import dev.switchboard.web.ParameterError;
import dev.switchboard.web.ProblemException;
import dev.switchboard.web.ProblemType;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A request with the same Idempotency-Key is still being served: answered 409, retry once it has answered. */
final class KeyInFlight extends ProblemException {

    KeyInFlight() {
        super(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT, HttpStatus.CONFLICT,
                "A request with this Idempotency-Key is still in progress; retry after it has answered to get its answer",
                List.of(new ParameterError(IdempotentRequests.HEADER, "is in use by a request in progress")));
    }
}
