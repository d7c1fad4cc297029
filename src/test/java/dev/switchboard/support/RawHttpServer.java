package dev.switchboard.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on a loopback socket that answers what a test scripts, byte for byte: for the cases no emulator
 * makes, where a client's own limits (deadline, body cap, header limits, what counts as HTTP) decide the outcome. On
 * each connection it reads a request (its head, and a body by its {@code Content-Length}), then plays the script,
 * which may read the connection's next request itself (keep-alive).
 */
public final class RawHttpServer implements AutoCloseable {

    /** What the server writes once a request has arrived on a connection. */
    public interface Script {
        void play(OutputStream out, Requests requests) throws IOException;
    }

    /** The connection's further requests. */
    public interface Requests {
        /** Waits for the next request on this connection and returns it. */
        String next() throws IOException;
    }

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Script script = (out, requests) -> { };
    private volatile String lastRequest = "";

    public RawHttpServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> serve(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void answer(Script script) {
        this.script = script;
    }

    /** The last request read, head and body, as ISO-8859-1 text. */
    public String lastRequest() {
        return lastRequest;
    }

    /** How many connections were accepted. */
    public int connections() {
        return connections.get();
    }

    /** Text as the bytes a script writes (a head is ISO-8859-1). */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Holds a script (and its connection) this long; an interrupt ends the pause. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            readRequest(in);
            OutputStream out = connection.getOutputStream();
            script.play(out, () -> readRequest(in));
            out.flush();
        } catch (IOException clientGone) {
            // the client closed or aborted the exchange
        }
    }

    private String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed the connection");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        String request = text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        lastRequest = request;
        return request;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
