package dev.switchboard.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Bounds every request body by {@code switchboard.http.max-body-size}, before anything reads it: a declared
 * {@code Content-Length} over the limit answers 413 at once, and a chunked body is counted as it is read, so the
 * reader fails with {@link BodyTooLarge} (413) once it passes the limit, never holding more than that. Tomcat then
 * closes the connection rather than drain the rest ({@code server.tomcat.max-swallow-size}). {@link Edge} applies it
 * before everything that reads.
 */
final class RequestBodyLimit {

    private final long limit;

    RequestBodyLimit(HttpProperties properties) {
        this.limit = properties.maxBodySize().toBytes();
    }

    /**
     * The request to go on with, its body bounded; or null when it declared a body over the limit and was answered
     * 413. A body with a declared length is never longer (Tomcat reads no further), and a request with neither a
     * length nor {@code Transfer-Encoding} has none, so only a chunked body is counted as it is read.
     */
    @Nullable HttpServletRequest admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            FilterProblems.write(response, ProblemType.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is " + declared + " bytes; this server accepts at most " + limit);
            return null;
        }
        return declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                ? new Bounded(request, limit)
                : request;
    }

    /** The request whose body stream fails past the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private @Nullable ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
