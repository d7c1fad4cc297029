package dev.switchboard.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A request body streamed past {@code switchboard.http.max-body-size}: answered 413, the rest is not read. */
public final class BodyTooLarge extends ProblemException {

    BodyTooLarge(long limit) {
        super(ProblemType.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + limit + " bytes, the most this server accepts", List.of());
    }
}
