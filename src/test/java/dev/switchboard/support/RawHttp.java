package dev.switchboard.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 exchange over a raw socket, as a hostile client makes it: the request's head as given, then a body
 * generated as it is sent (never held in memory: the same 64 KB block again and again), declared by
 * {@code Content-Length} or sent chunked, written on a thread of its own while the answer is read, so the answer is
 * seen as soon as the server gives it even though the client has not finished sending. Counts what the server let it
 * send before it closed the connection.
 */
public final class RawHttp {

    private static final byte[] BLOCK = new byte[64 * 1024];

    static {
        Arrays.fill(BLOCK, (byte) 'a');
    }

    private RawHttp() {}

    /**
     * How a body is sent: {@code prefix} (e.g. the start of a JSON object, so a parser keeps reading), then filler
     * up to {@code length} bytes in all, declared by {@code Content-Length} or chunked.
     */
    public record Body(String prefix, long length, boolean chunked) {
        public Body(long length, boolean chunked) {
            this("", length, chunked);
        }
    }

    /**
     * @param millis from the first byte sent to the end of the answer's head
     * @param bytesSent bytes of body the client managed to write before the server stopped reading
     */
    public record Answer(int status, Map<String, String> headers, String body, long millis, long bytesSent) {
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code head} (the request line and headers, without the blank line; {@code Content-Length} or {@code
     * Transfer-Encoding} is added for the body) from {@code localAddress} (null: any) to 127.0.0.1:{@code port}.
     */
    public static Answer exchange(int port, @Nullable String localAddress, String head, @Nullable Body body) {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            String fullHead = head + (body == null ? "" : body.chunked() ? "\r\nTransfer-Encoding: chunked"
                    : "\r\nContent-Length: " + body.length()) + "\r\n\r\n";
            AtomicLong sent = new AtomicLong();
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(fullHead.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = Thread.ofVirtual().start(() -> writeBody(out, body, sent));
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String answerBody = readBody(in, headers);
            socket.close(); // stops the writer if the server still reads
            writer.join(30_000);
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, answerBody, millis, sent.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void writeBody(OutputStream out, @Nullable Body body, AtomicLong sent) {
        if (body == null) {
            return;
        }
        try {
            byte[] prefix = body.prefix().getBytes(StandardCharsets.UTF_8);
            if (prefix.length > 0) {
                if (body.chunked()) {
                    out.write((Integer.toHexString(prefix.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(prefix);
                if (body.chunked()) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent.addAndGet(prefix.length);
            }
            long left = body.length() - prefix.length;
            while (left > 0) {
                int n = (int) Math.min(BLOCK.length, left);
                if (body.chunked()) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(BLOCK, 0, n);
                if (body.chunked()) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                left -= n;
                sent.addAndGet(n);
            }
            if (body.chunked()) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException serverStoppedReading) {
            // the server answered and closed the connection: what it read is what was sent
        }
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            var body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            return body.toString(StandardCharsets.UTF_8);
        }
        return "";
    }

    /** One CRLF-terminated line of the answer's head. */
    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection mid-answer, after: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
