package dev.switchboard.limits;

import dev.switchboard.web.ParameterError;
import dev.switchboard.web.ProblemException;
import dev.switchboard.web.ProblemType;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The per-user quotas. A feature counts what the user keeps and asks before it adds one; two creations racing at the
 * limit may both pass (a quota is a bound against abuse, not an invoice).
 */
@Component
public class Quotas {

    private final QuotaProperties properties;

    Quotas(QuotaProperties properties) {
        this.properties = properties;
    }

    /**
     * @param used how many the user keeps now
     * @throws ProblemException 409 {@code quota-exceeded} naming the quota when one more would pass it
     */
    public void checkRoomForOne(Quota quota, long used) {
        long limit = limit(quota);
        if (used >= limit) {
            throw new QuotaExceeded(quota, limit);
        }
    }

    public long limit(Quota quota) {
        return switch (quota) {
            case CONNECTIONS -> properties.connectionsPerUser();
            case AGENTS -> properties.agentsPerUser();
            case NUMBERS -> properties.numbersPerUser();
            case API_KEYS -> properties.apiKeysPerUser();
        };
    }

    static final class QuotaExceeded extends ProblemException {
        QuotaExceeded(Quota quota, long limit) {
            super(ProblemType.QUOTA_EXCEEDED, HttpStatus.CONFLICT, "The quota of " + limit + " " + quota.what()
                    + " per user is used up (" + quota.setting() + "); remove one or ask the operator to raise it",
                    List.of(new ParameterError("quota", quota.setting() + " = " + limit)));
        }
    }
}
