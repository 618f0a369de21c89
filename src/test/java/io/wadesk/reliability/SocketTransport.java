package io.wadesk.reliability;

import io.wadesk.support.RawHttpConnection;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Real HTTP/1.1 over loopback, on keep-alive connections written and read by hand ({@link RawHttpConnection}). A
 * connection the server closes is opened again for the next post.
 */
public final class SocketTransport implements WebhookTransport {

    private final URI url;

    public SocketTransport(URI url) {
        this.url = url;
    }

    @Override
    public Client client() {
        return new SocketClient();
    }

    private final class SocketClient implements Client {

        private final List<RawHttpConnection> connections = new ArrayList<>();

        @Override
        public int[] postTogether(List<Post> posts) {
            while (connections.size() < posts.size()) {
                connections.add(new RawHttpConnection(url));
            }
            boolean[] written = new boolean[posts.size()];
            for (int i = 0; i < posts.size(); i++) {
                written[i] = write(connections.get(i), posts.get(i));
            }
            int[] statuses = new int[posts.size()];
            for (int i = 0; i < posts.size(); i++) {
                // A server may answer (413) and close before the whole body is written: its answer still counts.
                statuses[i] = readStatus(connections.get(i), written[i]);
            }
            return statuses;
        }

        @Override
        public void close() {
            connections.forEach(RawHttpConnection::close);
        }
    }

    private static boolean write(RawHttpConnection connection, Post post) {
        try {
            connection.write(post.body(), post.contentType(), post.signature(), post.chunked());
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static int readStatus(RawHttpConnection connection, boolean written) {
        if (!connection.isOpen()) {
            return NO_RESPONSE;
        }
        try {
            int status = connection.readStatus();
            if (!written) {
                connection.close();
            }
            return status;
        } catch (IOException | RuntimeException ex) {
            connection.close();
            return NO_RESPONSE;
        }
    }
}
