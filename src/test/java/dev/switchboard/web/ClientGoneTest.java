package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** A client that hangs up before its answer is written gets nothing and is not logged as a failure. */
class ClientGoneTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void aClientThatWentAwayWhileTheAnswerWasWrittenGetsNoAnswer() {
        var broken = new HttpMessageNotWritableException("Could not write JSON",
                new AsyncRequestNotUsableException("ServletOutputStream failed to write", new IOException("Broken pipe")));

        assertThat(handler.clientGone(broken)).isNull();
        assertThat(handler.clientGone(new AsyncRequestNotUsableException("gone"))).isNull();
    }

    @Test
    void anAnswerThatCannotBeWrittenForAnotherReasonIsStillA500Problem() {
        ResponseEntity<ProblemDetail> answer = handler.clientGone(
                new HttpMessageNotWritableException("No serializer", new IllegalStateException("no serializer")));

        assertThat(answer).isNotNull();
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getType().toString()).isEqualTo("urn:switchboard:problem:internal-error");
    }
}
