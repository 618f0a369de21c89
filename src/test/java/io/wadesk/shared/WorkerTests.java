package io.wadesk.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkerTests {

    @Test
    void idleLanesStopPromptlyWhenAsked() throws InterruptedException {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch idle = new CountDownLatch(3);
        AtomicReference<Worker> holder = new AtomicReference<>();
        Worker worker = Worker.lanes("test-lane", 3, () -> {
            threads.add(Thread.currentThread());
            idle.countDown();
            holder.get().idle(Duration.ofMinutes(5));
        });
        holder.set(worker);
        worker.start();
        assertThat(idle.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThat(worker.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(worker.isRunning()).isFalse();
        assertThat(threads).hasSize(3).noneMatch(Thread::isAlive).allMatch(Thread::isDaemon);
        assertThat(threads.stream().map(Thread::getName))
                .containsExactlyInAnyOrder("test-lane-1", "test-lane-2", "test-lane-3");
    }

    @Test
    void aFailingStepDoesNotEndItsLane() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        Worker worker = Worker.single("test-failing", () -> {
                    calls.incrementAndGet();
                    third.countDown();
                    throw new IllegalStateException("boom");
                })
                .onError("Test step failed", Duration.ofMillis(10));
        worker.start();

        assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(calls.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aWakeUpEndsAnIdleWaitEarly() throws InterruptedException {
        AtomicReference<Worker> holder = new AtomicReference<>();
        LinkedBlockingQueue<Boolean> woken = new LinkedBlockingQueue<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Worker worker = Worker.single("test-wake", () -> {
            waiting.countDown();
            woken.add(holder.get().idle(Duration.ofMinutes(5)));
        });
        holder.set(worker);
        worker.start();
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();

        worker.wake();

        assertThat(woken.poll(5, TimeUnit.SECONDS)).isTrue();
        worker.stop(Duration.ofSeconds(5));
    }

    @Test
    void workAcceptedBeforeTheStopIsDrained() throws InterruptedException {
        LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Worker worker = Worker.single("test-drain", () -> {
                    Integer item = queue.poll(10, TimeUnit.MILLISECONDS);
                    if (item != null) {
                        release.await();
                        done.incrementAndGet();
                    }
                })
                .drainWhile(() -> !queue.isEmpty());
        worker.start();
        for (int i = 0; i < 5; i++) {
            queue.add(i);
        }
        // The lane holds the first item until the stop has begun (the worker no longer running), not for a set time.
        Worker.once("test-release", () -> {
            while (worker.isRunning()) {
                Thread.onSpinWait();
            }
            release.countDown();
        });

        assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(queue).isEmpty();
        assertThat(done.get()).isEqualTo(5);
    }

    @Test
    void aLaneThatDoesNotStopWithinTheBoundIsReported() throws InterruptedException {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Worker worker = Worker.single("test-stuck", () -> {
            busy.countDown();
            awaitUninterruptibly(release);
        });
        worker.start();
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(worker.stop(Duration.ofMillis(100))).isFalse();
        release.countDown();
    }

    @Test
    void executorsGetNamedDaemonThreadsAndABoundedShutdown() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2, Worker.numbered("test-pool"));
        Thread thread = executor.submit(Thread::currentThread).get();

        assertThat(thread.getName()).isEqualTo("test-pool-1");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(Worker.shutdown(executor, "test-pool", Duration.ofSeconds(5), false))
                .isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }

    @Test
    void aOneOffTaskRunsOnItsOwnNamedThread() throws InterruptedException {
        AtomicReference<String> name = new AtomicReference<>();
        Thread thread =
                Worker.once("test-once", () -> name.set(Thread.currentThread().getName()));
        thread.join(5_000);

        assertThat(name.get()).isEqualTo("test-once");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // keeps waiting: this lane ignores interrupts on purpose
            }
        }
    }
}
