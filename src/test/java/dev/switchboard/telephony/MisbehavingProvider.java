package dev.switchboard.telephony;

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
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Twilio base URL that misbehaves at the TCP level, where the HTTP emulators cannot: it reads each request and
 * then hangs, resets the connection, answers a byte at a time, or answers garbage. It never closes a connection on
 * its own (but for {@link Misbehaviour#RESET}): it waits for the client to close it, so {@link #openConnections()}
 * counts the connections the client has opened and not yet closed, which is what a leak test needs.
 */
public final class MisbehavingProvider implements AutoCloseable {

    /** What every connection gets after its request has been read. */
    public enum Misbehaviour {
        /** Never answers, keeps the connection open. */
        HANG,
        /** Closes with SO_LINGER 0: a real TCP reset, no answer. */
        RESET,
        /**
         * Twilio's real 200 answer to a search: status line and headers at once, then its body one byte every
         * {@code byteInterval}. (A head sent as slowly would meet the client's own timeout for the head, which
         * {@link #HANG} already meets; a body only the caller's deadline bounds.)
         */
        SLOW_BYTES,
        /** Random bytes that are not HTTP. */
        NOT_HTTP,
        /** An HTTP 200 {@code application/json} answer whose body is random bytes. */
        GARBAGE_JSON
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Misbehaviour misbehaviour = Misbehaviour.HANG;
    private volatile Duration byteInterval = Duration.ofMillis(50);

    private MisbehavingProvider() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    /** Listens on a free port of 127.0.0.1, hanging until told otherwise. */
    public static MisbehavingProvider start() {
        try {
            return new MisbehavingProvider();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the provider's {@code base-url} property should be. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** How connections accepted from now on are answered. */
    public MisbehavingProvider misbehave(Misbehaviour next) {
        misbehaviour = next;
        return this;
    }

    /** The pause between two bytes of a {@link Misbehaviour#SLOW_BYTES} answer; zero sends it at once. */
    public MisbehavingProvider byteInterval(Duration interval) {
        byteInterval = interval;
        return this;
    }

    /** Connections accepted since the start. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Connections accepted and not yet closed by the client (nor reset on purpose). */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(MisbehavingProvider::closeQuietly);
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.add(socket);
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Misbehaves at each request on the connection until the client closes it: after hanging or garbage, the client
     * sends no other request, and the wait for one is the wait for the client to close; after a whole answer, the
     * connection may be the client's pooled one and carry the next request.
     */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String target;
            while ((target = readRequestHead(in)) != null) {
                misbehave(socket, out, target);
            }
        } catch (IOException | InterruptedException e) {
            // the client reset the connection, or the server is closing
        } finally {
            open.remove(socket);
        }
    }

    private void misbehave(Socket socket, OutputStream out, String target) throws IOException, InterruptedException {
        switch (misbehaviour) {
            case HANG -> { }
            case RESET -> {
                socket.setSoLinger(true, 0);
                socket.close();
            }
            case SLOW_BYTES -> {
                byte[] body = twilioSearchBody(target);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                        + body.length + "\r\nTwilio-Request-Id: RQ00000000000000000000000000000000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long pauseMillis = byteInterval.toMillis();
                for (byte b : body) {
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                    out.write(b);
                    out.flush();
                }
            }
            case NOT_HTTP -> {
                byte[] garbage = randomBytes(256);
                garbage[0] = '\u0007'; // never "HTTP/"
                out.write(garbage);
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            case GARBAGE_JSON -> {
                byte[] body = randomBytes(512);
                // Connection: close, so a client that read the answer must close the connection too: the
                // connection cannot stay open as an idle pooled one.
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        }
    }

    /** Reads up to the blank line ending a request's head; returns its target, or null at end of stream. */
    private static String readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                String requestLine = head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
                String[] parts = requestLine.split(" ");
                return parts.length > 1 ? parts[1] : "/";
            }
        }
        return null;
    }

    /** The body of Twilio's answer to an AvailablePhoneNumbers search, as TwilioEmulator renders it. */
    private static byte[] twilioSearchBody(String target) {
        return """
                {"available_phone_numbers": [{"address_requirements": "none", "beta": false, \
                "capabilities": {"MMS": true, "SMS": true, "voice": true, "fax": false}, \
                "friendly_name": "(415) 555-0142", "iso_country": "US", "lata": "722", "latitude": "37.788800", \
                "locality": "San Francisco", "longitude": "-122.399200", "phone_number": "+14155550142", \
                "postal_code": "94105", "rate_center": "SNFC CNTRL", "region": "CA"}], "uri": "%s"}"""
                .formatted(target.replace("\"", "%22")).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random().nextBytes(bytes);
        return bytes;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
