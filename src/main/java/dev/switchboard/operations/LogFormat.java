package dev.switchboard.operations;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code SWITCHBOARD_LOG_FORMAT} ({@code switchboard.log-format}): {@code text} (the default, for people) or
 * {@code json} (one JSON object per line, Spring Boot's structured logging in the Logstash layout, for a log
 * pipeline). Runs before the logging system starts, so it decides the format of the very first line.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String PROPERTY = "switchboard.log-format";
    private static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "text").trim().toLowerCase(Locale.ROOT);
        switch (format) {
            case "text", "" -> { }
            case "json" -> {
                if (!environment.containsProperty(STRUCTURED_CONSOLE)) {
                    environment.getPropertySources().addLast(new MapPropertySource("switchboard-log-format",
                            Map.of(STRUCTURED_CONSOLE, "logstash")));
                }
            }
            default -> throw new IllegalStateException(
                    PROPERTY + " (SWITCHBOARD_LOG_FORMAT) must be text or json, not '" + format + "'");
        }
    }
}
