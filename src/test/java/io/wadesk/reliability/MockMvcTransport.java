package io.wadesk.reliability;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.wadesk.webhook.WebhookTestData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Posts through MockMvc, the whole filter chain and controller of the shared test context, without a socket. Posts
 * sent together run on threads of their own, released at once. An exception that escapes the dispatcher would be a
 * 500 behind a real server, and is counted as one.
 */
final class MockMvcTransport implements WebhookTransport, AutoCloseable {

    private final MockMvc mvc;
    private final ExecutorService together = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mockmvc-together");
        thread.setDaemon(true);
        return thread;
    });

    MockMvcTransport(MockMvc mvc) {
        this.mvc = mvc;
    }

    @Override
    public Client client() {
        return new Client() {
            @Override
            public int[] postTogether(List<Post> posts) {
                if (posts.size() == 1) {
                    return new int[] {perform(posts.get(0))};
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (Post post : posts) {
                    answers.add(together.submit(() -> {
                        start.await();
                        return perform(post);
                    }));
                }
                start.countDown();
                int[] statuses = new int[posts.size()];
                for (int i = 0; i < statuses.length; i++) {
                    try {
                        statuses[i] = answers.get(i).get();
                    } catch (ExecutionException ex) {
                        statuses[i] = 500;
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        statuses[i] = NO_RESPONSE;
                    }
                }
                return statuses;
            }

            @Override
            public void close() {}
        };
    }

    private int perform(Post post) {
        MockHttpServletRequestBuilder request = post(WebhookTestData.URL).content(post.body());
        if (post.contentType() != null) {
            request.header(HttpHeaders.CONTENT_TYPE, post.contentType());
        }
        if (post.signature() != null) {
            request.header("X-Hub-Signature-256", post.signature());
        }
        try {
            return mvc.perform(request).andReturn().getResponse().getStatus();
        } catch (Exception escaped) {
            return 500;
        }
    }

    @Override
    public void close() {
        together.shutdownNow();
    }
}
