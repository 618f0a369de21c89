package io.wadesk.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that POSTs to one URL (the webhook, in the benchmarks and the reliability
 * scenarios), written and read by hand: {@code java.net.http.HttpClient} costs several times the CPU, and on a small
 * machine every cycle the clients take is lost to the server. Not thread-safe: one per client thread.
 *
 * <p>The connection is opened by the first write, and again by the first write after {@link #close()}: after a
 * failure, or once the server answered {@code Connection: close}. Every failure is thrown as the {@link IOException}
 * it was (a refused connection is a {@link java.net.ConnectException}, a timeout a {@link
 * java.net.SocketTimeoutException}, a server that hung up an {@link EOFException}): what it means is the caller's
 * to say, as is closing the connection after it.
 */
public final class RawHttpConnection implements AutoCloseable {

    private static final int CHUNK = 8 * 1024;

    private final URI url;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final String requestLine;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** No limit on connecting (the system's); 30 s for each read of the answer. */
    public RawHttpConnection(URI url) {
        this(url, Duration.ZERO, Duration.ofSeconds(30));
    }

    /**
     * @param connectTimeout the longest wait to connect, {@link Duration#ZERO} for the system's
     * @param readTimeout the longest wait for each read of the answer
     */
    public RawHttpConnection(URI url, Duration connectTimeout, Duration readTimeout) {
        this.url = url;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) readTimeout.toMillis();
        this.requestLine =
                "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n";
    }

    /** Writes a JSON body and reads the answer: its status. */
    public int post(byte[] body, String signature) throws IOException {
        write(body, "application/json", signature, false);
        return readStatus();
    }

    /**
     * Writes one POST, opening the connection first if none is open; {@link #readStatus()} reads its answer.
     *
     * @param contentType the {@code Content-Type} header, left out when null
     * @param signature the {@code X-Hub-Signature-256} header, left out when null
     * @param chunked sent in chunks, without a {@code Content-Length}
     */
    public void write(byte[] body, String contentType, String signature, boolean chunked) throws IOException {
        if (socket == null) {
            open();
        }
        StringBuilder head = new StringBuilder(160).append(requestLine);
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (signature != null) {
            head.append("X-Hub-Signature-256: ").append(signature).append("\r\n");
        }
        head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (chunked) {
            for (int from = 0; from < body.length; from += CHUNK) {
                int length = Math.min(CHUNK, body.length - from);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, from, length);
                out.write('\r');
                out.write('\n');
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(body);
        }
        out.flush();
    }

    /** Whether a connection is open (a write opened it, and nothing closed it since). */
    public boolean isOpen() {
        return socket != null;
    }

    /**
     * Reads the answer to the last write and skips its body; closes the connection when the server said {@code
     * Connection: close}. A malformed status line or length is an {@link IllegalArgumentException}.
     */
    public int readStatus() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long length = 0;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        if (chunked) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                in.skipNBytes(size + 2L);
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

    private void open() throws IOException {
        Socket opened = new Socket();
        try {
            opened.connect(new InetSocketAddress(url.getHost(), url.getPort()), connectTimeoutMillis);
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(readTimeoutMillis);
        } catch (IOException ex) {
            opened.close();
            throw ex;
        }
        socket = opened;
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
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
