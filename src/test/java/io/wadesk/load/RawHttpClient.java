package io.wadesk.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that POSTs signed webhook deliveries, written and read by hand:
 * {@code java.net.http.HttpClient} costs several times the CPU, and on a small machine every cycle the clients take
 * is lost to the server. Not thread-safe: one per client thread. A broken connection is reopened by the next post.
 */
public final class RawHttpClient implements AutoCloseable {

    private final URI url;
    private final byte[] head;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    public RawHttpClient(URI url) {
        this.url = url;
        this.head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                        + "\r\nContent-Type: application/json\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Null when acknowledged with 200, else what went wrong ({@code HTTP 503}, {@code SocketException}…). */
    public String post(SignedDelivery delivery) {
        try {
            if (socket == null) {
                socket = new Socket(url.getHost(), url.getPort());
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            }
            out.write(head);
            out.write(("X-Hub-Signature-256: " + delivery.signature() + "\r\nContent-Length: " + delivery.body().length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(delivery.body());
            out.flush();
            int status = readResponse();
            return status == 200 ? null : "HTTP " + status;
        } catch (IOException ex) {
            close();
            return ex.getClass().getSimpleName();
        }
    }

    private int readResponse() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        int length = 0;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        if (chunked) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                in.skipNBytes(size + 2);
            }
            line();
        } else {
            in.skipNBytes(length);
        }
        if (closing) {
            close();
        }
        return status;
    }

    private int chunkSize() throws IOException {
        return Integer.parseInt(line().split(";")[0].strip(), 16);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("Connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // Closing a broken connection.
        }
        socket = null;
    }
}
