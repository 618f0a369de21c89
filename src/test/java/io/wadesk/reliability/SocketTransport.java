package io.wadesk.reliability;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real HTTP/1.1 over loopback, on keep-alive connections written and read by hand (as the webhook benchmark does:
 * {@code java.net.http.HttpClient} costs several times the CPU, taken from the server on a small machine). A
 * connection the server closes is opened again for the next post.
 */
public final class SocketTransport implements WebhookTransport {

    private static final int CHUNK = 8 * 1024;

    private final URI url;

    public SocketTransport(URI url) {
        this.url = url;
    }

    @Override
    public Client client() {
        return new SocketClient();
    }

    private final class SocketClient implements Client {

        private final List<Connection> connections = new ArrayList<>();

        @Override
        public int[] postTogether(List<Post> posts) {
            while (connections.size() < posts.size()) {
                connections.add(new Connection());
            }
            boolean[] written = new boolean[posts.size()];
            for (int i = 0; i < posts.size(); i++) {
                written[i] = connections.get(i).write(posts.get(i));
            }
            int[] statuses = new int[posts.size()];
            for (int i = 0; i < posts.size(); i++) {
                // A server may answer (413) and close before the whole body is written: its answer still counts.
                statuses[i] = connections.get(i).readStatus(written[i]);
            }
            return statuses;
        }

        @Override
        public void close() {
            connections.forEach(Connection::close);
        }
    }

    private final class Connection {

        private Socket socket;
        private OutputStream out;
        private InputStream in;

        boolean write(Post post) {
            try {
                if (socket == null) {
                    socket = new Socket(url.getHost(), url.getPort());
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
                    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                }
                StringBuilder head = new StringBuilder("POST ")
                        .append(url.getRawPath())
                        .append(" HTTP/1.1\r\nHost: ")
                        .append(url.getHost())
                        .append(':')
                        .append(url.getPort())
                        .append("\r\n");
                if (post.contentType() != null) {
                    head.append("Content-Type: ").append(post.contentType()).append("\r\n");
                }
                if (post.signature() != null) {
                    head.append("X-Hub-Signature-256: ")
                            .append(post.signature())
                            .append("\r\n");
                }
                head.append(
                        post.chunked()
                                ? "Transfer-Encoding: chunked\r\n"
                                : "Content-Length: " + post.body().length + "\r\n");
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                if (post.chunked()) {
                    for (int from = 0; from < post.body().length; from += CHUNK) {
                        int length = Math.min(CHUNK, post.body().length - from);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(post.body(), from, length);
                        out.write('\r');
                        out.write('\n');
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(post.body());
                }
                out.flush();
                return true;
            } catch (IOException ex) {
                return false;
            }
        }

        int readStatus(boolean written) {
            if (socket == null) {
                return NO_RESPONSE;
            }
            try {
                int status = readResponse();
                if (!written) {
                    close();
                }
                return status;
            } catch (IOException | RuntimeException ex) {
                close();
                return NO_RESPONSE;
            }
        }

        private int readResponse() throws IOException {
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
                for (int size = Integer.parseInt(line().split(";")[0].strip(), 16);
                        size > 0;
                        size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
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

        void close() {
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
}
