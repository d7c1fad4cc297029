package dev.switchboard.numbers;

import dev.switchboard.web.ProblemException;
import dev.switchboard.web.ProblemType;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The provider sold the number but Switchboard could not record it (its database failed). The intent stays
 * pending; the reconciliation (or a retry with the same Idempotency-Key) records it. Answered 503.
 */
final class PurchasePending extends ProblemException {

    PurchasePending(String phoneNumber) {
        super(ProblemType.PURCHASE_PENDING, HttpStatus.SERVICE_UNAVAILABLE, "The provider sold " + phoneNumber
                + " to the account, but Switchboard could not record it yet. It will appear in GET /v1/numbers/list "
                + "shortly; retrying with the same Idempotency-Key returns it and never buys twice.", List.of());
    }
}
