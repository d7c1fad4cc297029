package dev.switchboard.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Answers what Tomcat refuses before the application sees it (a request line or headers larger than
 * {@code server.max-http-request-header-size}, a request that is not HTTP) with a problem detail like every other
 * error, instead of Tomcat's HTML page. Replaces the error report valve Spring Boot installs on the host.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after Spring Boot's own customizer, whose valve this one replaces
class TomcatProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemValve.class.getName());
            }
            Pipeline pipeline = context.getParent().getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ProblemValve());
        });
    }

    /** Writes the problem of an error no servlet answered: status, title and what to fix, nothing internal. */
    public static final class ProblemValve extends ErrorReportValve {

        public ProblemValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable failure) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            ProblemType type = switch (status) {
                case 404 -> ProblemType.NOT_FOUND;
                case 405 -> ProblemType.METHOD_NOT_ALLOWED;
                default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.VALIDATION;
            };
            String detail = status == 400
                    ? "The request could not be read as HTTP: its request line or headers are malformed, or larger"
                            + " together than this server accepts"
                    : "The request was refused before it reached the API (HTTP " + status + ")";
            String json = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":"
                    + status + ",\"detail\":\"" + detail + "\"}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(json);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the answer was committed meanwhile: nothing more to say
            }
        }
    }
}
