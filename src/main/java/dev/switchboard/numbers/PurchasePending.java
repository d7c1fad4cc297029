package dev.switchboard.numbers;

import dev.switchboard.web.ProblemException;
import dev.switchboard.web.ProblemType;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The provider sold the number but Switchboard could not record it (its database failed), or an earlier attempt's
 * outcome is not known yet. The purchase stays pending; the reconciliation (or a retry with the same
 * Idempotency-Key) settles it. Answered 503, which an idempotent request does not keep: the retry runs again.
 */
final class PurchasePending extends ProblemException {

    private PurchasePending(String detail) {
        super(ProblemType.PURCHASE_PENDING, HttpStatus.SERVICE_UNAVAILABLE, detail, List.of());
    }

    /** The provider sold the number; recording it failed. */
    static PurchasePending notRecorded(String phoneNumber) {
        return new PurchasePending("The provider sold " + phoneNumber + " to the account, but Switchboard could not "
                + "record it yet. It will appear in GET /v1/numbers/list shortly; retrying with the same "
                + "Idempotency-Key returns it and never buys twice.");
    }

    /** An earlier attempt's purchase whose outcome the provider does not show yet: retry in a moment. */
    static PurchasePending outcomeUnknown(String phoneNumber) {
        return new PurchasePending("An earlier attempt with this Idempotency-Key asked the provider to buy " + phoneNumber
                + " and its outcome is not known yet; retry with the same key in a minute (it never buys twice).");
    }
}
