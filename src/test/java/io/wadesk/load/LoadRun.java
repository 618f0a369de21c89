package io.wadesk.load;

import io.wadesk.support.RawHttpConnection;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends {@code count} deliveries over C keep-alive connections, flat out (closed loop: each client posts as soon as
 * its previous answer came) or at a fixed rate (request i is due at {@code start + i / rate}; its latency counts from
 * that due time, not from when a client got round to it, so a stall counts for every request it delays).
 */
public final class LoadRun {

    /** Builds request {@code index}; called before the request is due, so building is not measured. */
    @FunctionalInterface
    public interface Requests {
        SignedDelivery build(int index);
    }

    /** Told of each request just before it is written, with its due time ({@link System#nanoTime()}). */
    @FunctionalInterface
    public interface Observer {
        void sending(int index, SignedDelivery delivery, long dueNanos);
    }

    private LoadRun() {}

    public static Result run(URI url, int count, Requests requests, int concurrency, int rate, Observer observer)
            throws InterruptedException {
        long[] latencies = new long[count];
        boolean[] acknowledged = new boolean[count];
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        long intervalNanos = rate == 0 ? 0 : 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        for (int c = 0; c < concurrency; c++) {
            Thread thread = new Thread(
                    () -> {
                        try (RawHttpConnection connection = new RawHttpConnection(url)) {
                            int i;
                            while ((i = next.getAndIncrement()) < count) {
                                SignedDelivery delivery = requests.build(i);
                                long due = rate == 0 ? System.nanoTime() : start + i * intervalNanos;
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                                observer.sending(i, delivery, due);
                                String outcome = post(connection, delivery);
                                latencies[i] = System.nanoTime() - due;
                                if (outcome == null) {
                                    acknowledged[i] = true;
                                } else {
                                    errors.computeIfAbsent(outcome, k -> new LongAdder())
                                            .increment();
                                }
                            }
                        } finally {
                            done.countDown();
                        }
                    },
                    "load-client-" + c);
            thread.start();
        }
        done.await();
        long elapsed = System.nanoTime() - Math.min(start, System.nanoTime());
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        return new Result(latencies, acknowledged, elapsed, errorCounts);
    }

    /** Null when acknowledged with 200, else what went wrong ({@code HTTP 503}, {@code SocketException}…). */
    private static String post(RawHttpConnection connection, SignedDelivery delivery) {
        try {
            int status = connection.post(delivery.body(), delivery.signature());
            return status == 200 ? null : "HTTP " + status;
        } catch (IOException ex) {
            connection.close();
            return ex.getClass().getSimpleName();
        }
    }

    /**
     * @param latencies per request, nanoseconds from its due time to its answer (errors included)
     * @param acknowledged per request, whether it was answered 200
     */
    public record Result(long[] latencies, boolean[] acknowledged, long elapsedNanos, Map<String, Long> errors) {

        public int requests() {
            return latencies.length;
        }

        public long acknowledgedCount() {
            long n = 0;
            for (boolean ack : acknowledged) {
                n += ack ? 1 : 0;
            }
            return n;
        }

        public double seconds() {
            return elapsedNanos / 1e9;
        }

        public double acknowledgedPerSecond() {
            return acknowledgedCount() / seconds();
        }

        public LatencyStats latency() {
            return LatencyStats.of(latencies);
        }

        public String errorsText() {
            return errors.isEmpty() ? "none" : errors.toString();
        }
    }
}
