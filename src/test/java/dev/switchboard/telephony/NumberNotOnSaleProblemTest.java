package dev.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.web.ProblemHandler;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A number the provider will not sell is a conflict the caller can resolve by searching again. */
class NumberNotOnSaleProblemTest {

    @Test
    void isA409NamingTheNumberAndTheProvider() {
        ResponseEntity<ProblemDetail> answer = new ProblemHandler()
                .answerFor(new ProviderFault.NumberNotOnSale(TelephonyProviderName.TWILIO, "+14155550123"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        ProblemDetail problem = answer.getBody();
        assertThat(problem).isNotNull();
        assertThat(problem.getType()).isEqualTo(URI.create("urn:switchboard:problem:number-not-on-sale"));
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).contains("+14155550123", "twilio");
        assertThat(problem.getProperties()).containsEntry("provider", "twilio")
                .containsEntry("phone_number", "+14155550123");
    }
}
