package dev.switchboard.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code switchboard.http.*}: what the HTTP edge accepts from a client it does not know yet.
 *
 * @param maxBodySize the largest request body; larger answers 413 before any of it is kept (by {@code Content-Length},
 *     or as a chunked body streams past it)
 * @param maxJsonFieldSize the largest free-structure JSON field of a request body (a connection's {@code config}, a
 *     number's {@code example_context}, an agent's {@code transcriber}, ...), as compact JSON; larger answers 422
 * @param cors cross-origin access for browsers: off unless origins are listed
 */
@ConfigurationProperties("switchboard.http")
public record HttpProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("16KB") DataSize maxJsonFieldSize,
        @DefaultValue Cors cors) {

    /**
     * @param allowedOrigins origins (e.g. {@code https://console.example.com}) whose pages may call the API from a
     *     browser; empty (the default): none, and a preflight answers 403
     */
    public record Cors(@DefaultValue List<String> allowedOrigins) {}
}
