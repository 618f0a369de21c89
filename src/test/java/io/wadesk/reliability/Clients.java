package io.wadesk.reliability;

import io.wadesk.reliability.WebhookTransport.Post;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/** Runs numbered jobs on a few client threads, each with its own connections, and counts the answers by status. */
final class Clients {

    /** What one job posts together, and what it makes of the answers (called on the client thread). */
    interface Job {

        List<Post> posts();

        default void answered(int[] statuses) {}
    }

    /** Counted in place of a status when a job could not even be built: a bug of the scenario, never a pass. */
    static final int NOT_BUILT = -2;

    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    /** Posts the jobs {@code 0 … count-1}, built on the client threads; returns when all are answered. */
    void run(WebhookTransport transport, int concurrency, int count, IntFunction<Job> jobs) {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            Thread thread = new Thread(
                    () -> {
                        try (WebhookTransport.Client client = transport.client()) {
                            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                                Job job;
                                try {
                                    job = jobs.apply(i);
                                } catch (RuntimeException generatorFailed) {
                                    statuses.computeIfAbsent(NOT_BUILT, s -> new LongAdder())
                                            .increment();
                                    continue;
                                }
                                int[] answers = client.postTogether(job.posts());
                                for (int status : answers) {
                                    statuses.computeIfAbsent(status, s -> new LongAdder())
                                            .increment();
                                }
                                job.answered(answers);
                            }
                        } finally {
                            done.countDown();
                        }
                    },
                    "webhook-client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        try {
            done.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the clients were posting", ex);
        }
    }

    /** Answers by status so far ({@link WebhookTransport#NO_RESPONSE} for broken connections). */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    long posts() {
        return statuses().values().stream().mapToLong(Long::longValue).sum();
    }

    long answeredWith(int status) {
        return statuses().getOrDefault(status, 0L);
    }
}
