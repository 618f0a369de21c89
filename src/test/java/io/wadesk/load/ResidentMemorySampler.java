package io.wadesk.load;

import io.wadesk.support.AppProcess;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the application's resident memory ({@code VmRSS}) every 200 ms: the highest since start and per phase. */
public final class ResidentMemorySampler implements AutoCloseable {

    private final AppProcess app;
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong phaseMax = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public ResidentMemorySampler(AppProcess app) {
        this.app = app;
        thread = new Thread(this::sample, "load-rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            try {
                long rss = app.residentBytes();
                max.accumulateAndGet(rss, Math::max);
                phaseMax.accumulateAndGet(rss, Math::max);
                Thread.sleep(200);
            } catch (InterruptedException ex) {
                return;
            } catch (RuntimeException processGone) {
                return;
            }
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
        running = false;
        thread.interrupt();
        thread.join(1_000);
    }
}
