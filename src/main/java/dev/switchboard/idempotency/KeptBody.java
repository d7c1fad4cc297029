package dev.switchboard.idempotency;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The request whose body is read once and kept, so it can be both fingerprinted and read by the handler. Nothing
 * is read until {@link #bytes()} is first called: by the interceptor, after authentication, and only for a handler
 * marked {@link Idempotent}; the body is bounded by then (web.RequestBodyLimit). Any other handler reads the
 * request's own stream.
 */
final class KeptBody extends HttpServletRequestWrapper {

    private byte @Nullable [] bytes;

    KeptBody(HttpServletRequest request) {
        super(request);
    }

    byte[] bytes() throws IOException {
        if (bytes == null) {
            bytes = super.getInputStream().readAllBytes();
        }
        return bytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (bytes == null) {
            return super.getInputStream();
        }
        var in = new ByteArrayInputStream(bytes);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("blocking reads only");
            }
        };
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        return new BufferedReader(new InputStreamReader(getInputStream(),
                encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }
}
