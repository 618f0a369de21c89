package io.wadesk.reliability;

import java.util.List;

/**
 * How a scenario posts to the webhook: over real sockets in the runners, through MockMvc in the small tests. A
 * scenario is written once against this and runs at both sizes.
 */
public interface WebhookTransport {

    /** The status a post got when no HTTP response came back (the connection broke). */
    int NO_RESPONSE = -1;

    /**
     * One POST as sent.
     *
     * @param contentType left out when null
     * @param signature the {@code X-Hub-Signature-256} header, left out when null
     * @param chunked sent without a Content-Length (socket transport only; MockMvc always knows the length)
     */
    record Post(byte[] body, String contentType, String signature, boolean chunked) {

        public static Post json(byte[] body, String signature) {
            return new Post(body, "application/json", signature, false);
        }
    }

    /** A client for one thread. */
    Client client();

    interface Client extends AutoCloseable {

        /**
         * Sends the posts at once, each on a connection of its own, then waits for every answer: a redelivery that
         * arrives while the original is still being acknowledged.
         *
         * @return the status of each post, in order ({@link #NO_RESPONSE} for a broken connection)
         */
        int[] postTogether(List<Post> posts);

        @Override
        void close();
    }
}
