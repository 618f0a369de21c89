package io.wadesk.whatsapp.internal;

import java.util.concurrent.Semaphore;

/**
 * A limit on the bytes held at once by several threads: each takes room for what it is about to read and gives it back
 * when done. Counted in KiB so that budgets of gigabytes fit a {@link Semaphore}; fair, so that a large file waiting for
 * room is not overtaken for ever by small ones.
 */
final class ByteBudget {

    private final int totalKib;
    private final Semaphore kib;

    ByteBudget(long bytes) {
        this.totalKib = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (bytes + 1023) / 1024));
        this.kib = new Semaphore(totalKib, true);
    }

    /** Waits for room for this many bytes (the whole budget if they are more) and takes it. */
    Reservation reserve(long bytes) throws InterruptedException {
        int wanted = (int) Math.min(totalKib, Math.max(1, (bytes + 1023) / 1024));
        kib.acquire(wanted);
        return new Reservation(wanted);
    }

    /** The room left now, in bytes (for tests and logs). */
    long available() {
        return kib.availablePermits() * 1024L;
    }

    /** Room taken; closing gives it back, once. */
    final class Reservation implements AutoCloseable {

        private int held;

        private Reservation(int held) {
            this.held = held;
        }

        @Override
        public void close() {
            if (held > 0) {
                kib.release(held);
                held = 0;
            }
        }
    }
}
