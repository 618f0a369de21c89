package io.wadesk.load;

import io.wadesk.support.AppProcess;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the application's resident memory ({@code VmRSS}) every 200 ms: the highest since start and per phase. */
public final class ResidentMemorySampler implements AutoCloseable {

    private final AppProcess app;
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong phaseMax = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "load-rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    public ResidentMemorySampler(AppProcess app) {
        this.app = app;
        sampler.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        if (!app.isAlive()) {
            return;
        }
        try {
            long rss = app.residentBytes();
            max.accumulateAndGet(rss, Math::max);
            phaseMax.accumulateAndGet(rss, Math::max);
        } catch (RuntimeException processGone) {
            // Stopped between the check and the read (a restart): the next sample reads the new process.
        }
    }

    public long maxBytes() {
        return max.get();
    }

    /** The highest since the last call, then starts a new phase. */
    public long phaseMaxBytes() {
        return phaseMax.getAndSet(0);
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdownNow();
        sampler.awaitTermination(1, TimeUnit.SECONDS);
    }
}
