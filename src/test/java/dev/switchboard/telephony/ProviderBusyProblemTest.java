package dev.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.web.ProblemHandler;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** No room for a provider call within the deadline is this instance's overload: 503, retry soon, provider named. */
class ProviderBusyProblemTest {

    @Test
    void isA503WithRetryAfterThatDoesNotBlameTheProvider() {
        ResponseEntity<ProblemDetail> answer = new ProblemHandler()
                .answerFor(new ProviderFault.Busy(TelephonyProviderName.TWILIO, 512, Duration.ofSeconds(10)));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        ProblemDetail problem = answer.getBody();
        assertThat(problem).isNotNull();
        assertThat(problem.getType()).isEqualTo(URI.create("urn:switchboard:problem:service-unavailable"));
        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getDetail()).contains("512 calls to providers under way", "10000 ms", "did not call twilio");
        assertThat(problem.getProperties()).containsEntry("provider", "twilio");
    }
}
