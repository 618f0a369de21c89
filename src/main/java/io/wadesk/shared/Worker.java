package io.wadesk.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way wadesk makes background threads: named daemon threads that run a {@link Step} again and again until
 * {@link #stop(Duration)}, which stops accepting work, wakes the idle ones, joins them within a bound and logs those
 * that did not stop. A step that throws does not end its thread: the failure is logged and the lane pauses before its
 * next step. The static helpers give executors and one-off tasks the same named daemon threads and the same bounded
 * shutdown.
 */
public final class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration DEFAULT_PAUSE_AFTER_ERROR = Duration.ofSeconds(2);

    /** One turn of a lane's loop. */
    @FunctionalInterface
    public interface Step {
        void run() throws InterruptedException;
    }

    private final List<String> names;
    private final Step step;
    private final Semaphore wakeUps = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private String failure;
    private Duration pauseAfterError = DEFAULT_PAUSE_AFTER_ERROR;
    private BooleanSupplier drain = () -> false;
    private volatile boolean running;

    private Worker(List<String> names, Step step) {
        this.names = names;
        this.step = step;
    }

    /** {@code count} lanes named {@code name-1} … {@code name-count}, each running {@code step} in a loop. */
    public static Worker lanes(String name, int count, Step step) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(name + "-" + i);
        }
        return new Worker(names, step);
    }

    /** One thread named {@code name} running {@code step} in a loop. */
    public static Worker single(String name, Step step) {
        return new Worker(List.of(name), step);
    }

    /** What the log says when a step fails ("…, trying again in 2s: cause"), and how long the lane pauses then. */
    public Worker onError(String what, Duration pause) {
        this.failure = what;
        this.pauseAfterError = pause;
        return this;
    }

    /** After a stop, lanes keep stepping while this says work is left (work accepted before the stop). */
    public Worker drainWhile(BooleanSupplier workLeft) {
        this.drain = workLeft;
        return this;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (String name : names) {
            Thread thread = daemon(this::loop, name);
            threads.add(thread);
            thread.start();
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** How many lanes the worker has. */
    public int size() {
        return names.size();
    }

    /** Wakes one idle lane (at most as many wake-ups wait as there are lanes). */
    public void wake() {
        if (running && wakeUps.availablePermits() < names.size()) {
            wakeUps.release();
        }
    }

    /**
     * Waits for {@link #wake()}, a stop, or {@code wait}; true when woken by {@link #wake()} while running. Returns at
     * once when the worker is stopping.
     */
    public boolean idle(Duration wait) throws InterruptedException {
        if (!running) {
            return false;
        }
        return wakeUps.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS) && running;
    }

    /** Forgets wake-ups that came while a lane was busy (it looks for work anyway). */
    public void drainWakeUps() {
        wakeUps.drainPermits();
    }

    /**
     * Stops accepting work, wakes the idle lanes and waits up to {@code bound} for all of them to end; true when they
     * did. A lane still running then is logged and left to end on its own (its threads are daemons).
     */
    public synchronized boolean stop(Duration bound) {
        if (threads.isEmpty()) {
            running = false;
            return true;
        }
        running = false;
        wakeUps.release(threads.size());
        List<String> alive = joinAll(threads, bound);
        threads.clear();
        wakeUps.drainPermits();
        if (!alive.isEmpty()) {
            log.warn("{} did not stop within {}: still running", alive, bound);
        }
        return alive.isEmpty();
    }

    private void loop() {
        while (running || drain.getAsBoolean()) {
            try {
                step.run();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                if (!pauseAfter(ex)) {
                    return;
                }
            }
        }
    }

    private boolean pauseAfter(RuntimeException ex) {
        if (failure != null) {
            log.warn("{}, trying again in {}: {}", failure, pauseAfterError, ex.toString());
        } else {
            log.warn("{} failed, trying again in {}", Thread.currentThread().getName(), pauseAfterError, ex);
        }
        try {
            idle(pauseAfterError);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> joinAll(List<Thread> threads, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        List<String> alive = new ArrayList<>();
        for (Thread thread : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!interrupted && left > 0) {
                try {
                    thread.join(left);
                } catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
            if (thread.isAlive()) {
                alive.add(thread.getName());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return alive;
    }

    /** Threads for an executor, daemons named {@code name-1}, {@code name-2} … */
    public static ThreadFactory numbered(String name) {
        AtomicInteger number = new AtomicInteger();
        return task -> daemon(task, name + "-" + number.incrementAndGet());
    }

    /** Threads for a single-thread executor, daemons named {@code name}. */
    public static ThreadFactory named(String name) {
        return task -> daemon(task, name);
    }

    /** A daemon thread named {@code name}, not started (a shutdown hook, say). */
    public static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Runs {@code task} once on a daemon thread of its own named {@code name}; a failure is logged. */
    public static Thread once(String name, Runnable task) {
        Thread thread = daemon(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException ex) {
                        log.warn("{} failed", name, ex);
                    }
                },
                name);
        thread.start();
        return thread;
    }

    /**
     * Shuts an executor down: with {@code interrupt}, tasks in progress are interrupted and queued ones dropped;
     * without, they finish. Waits up to {@code bound}, then interrupts what is left and logs it; true when it ended.
     */
    public static boolean shutdown(ExecutorService executor, String name, Duration bound, boolean interrupt) {
        if (interrupt) {
            executor.shutdownNow();
        } else {
            executor.shutdown();
        }
        try {
            if (executor.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        log.warn("{} threads did not stop within {}", name, bound);
        return false;
    }
}
