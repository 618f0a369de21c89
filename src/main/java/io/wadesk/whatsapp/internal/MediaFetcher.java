package io.wadesk.whatsapp.internal;

import io.wadesk.conversation.WhatsAppOutbox;
import io.wadesk.shared.Backoff;
import io.wadesk.shared.Worker;
import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fetches the files customers send, right after ingestion: a media id is downloadable for 7 days but its URL for 5
 * minutes, so each attempt asks for a fresh URL. The file must match Meta's sha256 and the size limit of its kind.
 * Transient failures are retried with backoff; a mismatch or an oversized file fails at once.
 *
 * <p>A run claims batches while they come full (a burst drains in one run, not one batch per poll) and downloads up to
 * {@code concurrency} files at once. Files are read whole, so the bytes held at once are capped by
 * {@code max-bytes-in-flight} (see {@link CloudApiProperties.Media}). Claiming is a short transaction of its own
 * (SKIP LOCKED, then a lease), and so is storing: no connection is held during a download. Runs happen on the
 * fetcher's own thread, one at a time, when the poll fires or when {@link #nudge()} says a file was queued; the
 * scheduler's thread, shared by every job, only hands the run over.
 */
@Component
class MediaFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);

    /** WhatsApp's limits per kind of file (docs/cloud-api.md §7); anything else is capped at 100 MB. */
    static final Map<String, Long> MAX_BYTES = Map.of(
            "image", 5L << 20,
            "audio", 16L << 20,
            "video", 16L << 20,
            "sticker", 500L << 10,
            "document", 100L << 20);

    static final int MAX_ATTEMPTS = 6;

    private static final Duration STOP_BOUND = Duration.ofSeconds(5);

    private final WhatsAppOutbox files;
    private final CloudApiClient client;
    private final WhatsAppConnection connection;
    private final Clock clock;
    private final int batchSize;
    private final ByteBudget budget;
    private final ThreadPoolExecutor downloads;
    private final ThreadPoolExecutor runner;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicReference<CompletableFuture<Integer>> pendingRun = new AtomicReference<>();

    MediaFetcher(WhatsAppOutbox files, CloudApiClient client, CloudApiProperties properties, Clock clock) {
        this(files, client, WhatsAppConnection.of(properties), properties, clock);
    }

    @Autowired
    MediaFetcher(
            WhatsAppOutbox files,
            CloudApiClient client,
            WhatsAppConnection connection,
            CloudApiProperties properties,
            Clock clock) {
        this.files = files;
        this.client = client;
        this.connection = connection;
        this.clock = clock;
        CloudApiProperties.Media settings = properties.media();
        this.batchSize = settings.batchSize();
        this.budget = new ByteBudget(settings.maxBytesInFlight().toBytes());
        this.downloads = pool(settings.concurrency(), "whatsapp-media");
        this.runner = pool(1, "whatsapp-media-run");
    }

    /** Threads that end after a minute idle: a quiet instance keeps none. */
    private static ThreadPoolExecutor pool(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), Worker.numbered(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Scheduled(fixedDelayString = "${wadesk.whatsapp.media.poll-interval:PT2S}")
    public void poll() {
        if (!connection.accessToken().isEmpty()) {
            nudge();
        }
    }

    /**
     * Starts a run on the fetcher's thread unless one is already waiting to start; returns when it is done (how many
     * files it stored). A run in progress is told to claim again before it ends, so nothing queued is left waiting.
     */
    CompletableFuture<Integer> nudge() {
        CompletableFuture<Integer> run = new CompletableFuture<>();
        CompletableFuture<Integer> waiting = pendingRun.compareAndExchange(null, run);
        if (waiting != null) {
            return waiting;
        }
        try {
            runner.execute(() -> start(run));
        } catch (RuntimeException rejected) {
            pendingRun.compareAndSet(run, null);
            run.completeExceptionally(rejected);
        }
        return run;
    }

    private void start(CompletableFuture<Integer> run) {
        pendingRun.compareAndSet(run, null);
        try {
            run.complete(runOnce());
        } catch (RuntimeException ex) {
            log.warn("Media fetcher could not claim files, trying again at the next poll: {}", ex.toString());
            run.completeExceptionally(ex);
        }
    }

    /**
     * Fetches the files that are due, batch after batch while batches come full; returns how many were stored. If a
     * run is already in progress in this instance, it is asked to look again and this call returns 0 at once.
     */
    public int runOnce() {
        int stored = 0;
        while (true) {
            if (!busy.compareAndSet(false, true)) {
                if (leftToRunInProgress()) {
                    return stored;
                }
                continue;
            }
            stored += drainWhileBusy();
            if (!again.get()) {
                return stored;
            }
        }
    }

    /** Asks the run in progress to look again; false when it may have ended already, and this call must take over. */
    private boolean leftToRunInProgress() {
        again.set(true);
        // The run in progress checks {@code again} after it clears {@code busy}: if it has cleared it
        // already, it may have missed the flag, so this call takes over.
        return busy.get();
    }

    private int drainWhileBusy() {
        try {
            again.set(false);
            return drain();
        } finally {
            busy.set(false);
        }
    }

    private int drain() {
        int stored = 0;
        List<WhatsAppOutbox.FileToFetch> batch;
        do {
            batch = files.claimDueFiles(batchSize);
            stored += fetchAll(batch);
        } while (batch.size() == batchSize);
        return stored;
    }

    /** Fetches a batch in parallel; returns how many of its files were stored. */
    private int fetchAll(List<WhatsAppOutbox.FileToFetch> batch) {
        List<Future<Boolean>> results = new ArrayList<>(batch.size());
        for (WhatsAppOutbox.FileToFetch file : batch) {
            results.add(downloads.submit(() -> fetch(file)));
        }
        int stored = 0;
        for (Future<Boolean> result : results) {
            if (outcome(result)) {
                stored++;
            }
        }
        return stored;
    }

    /**
     * One file's outcome; a file whose fetch broke unexpectedly (the database, say) keeps its lease and is tried
     * again when it ends, without stopping the others.
     */
    private static boolean outcome(Future<Boolean> result) {
        try {
            return result.get();
        } catch (ExecutionException ex) {
            log.warn(
                    "Could not fetch a media file, tried again after its lease: {}",
                    ex.getCause().toString());
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return false;
        }
    }

    private boolean fetch(WhatsAppOutbox.FileToFetch file) {
        long max = MAX_BYTES.getOrDefault(file.kind(), 100L << 20);
        try {
            return fetchWithin(file, max);
        } catch (CloudApiException ex) {
            failed(file, ex);
            return false;
        } catch (InterruptedException ex) {
            // Shutting down while waiting for room: the file is due again at once, for whoever runs next.
            Thread.currentThread().interrupt();
            files.retryFileAt(file.id(), clock.instant(), "Interrupted before its download");
            return false;
        }
    }

    private boolean fetchWithin(WhatsAppOutbox.FileToFetch file, long max) throws InterruptedException {
        CloudApiClient.MediaInfo info = client.mediaInfo(file.mediaId(), file.phoneNumberId());
        if (info.url() == null) {
            throw new CloudApiException(
                    CloudApiErrorClass.RETRY_LATER, null, null, "No download URL in the answer", null, 200, null);
        }
        if (info.fileSize() > max) {
            files.fileFailed(file.id(), "Larger than the " + max + " bytes allowed for " + file.kind());
            return false;
        }
        return download(file, info, max);
    }

    /** Downloads within the byte budget and stores the file if it matches its sha256. */
    private boolean download(WhatsAppOutbox.FileToFetch file, CloudApiClient.MediaInfo info, long max)
            throws InterruptedException {
        // Room for the size Meta announces, and no byte more is read; without one, for the largest of its kind.
        long size = info.fileSize() >= 0 ? info.fileSize() : max;
        try (ByteBudget.Reservation room = budget.reserve(size)) {
            byte[] bytes = client.download(info.url(), size);
            String expected = file.sha256() != null ? file.sha256() : info.sha256();
            if (expected != null && !expected.equals(sha256(bytes))) {
                files.fileFailed(file.id(), "The file does not match its sha256");
                return false;
            }
            files.fileFetched(file.id(), bytes, info.mimeType());
            return true;
        }
    }

    /** A passing failure is tried again after a backoff, up to {@link #MAX_ATTEMPTS}; any other fails the file. */
    private void failed(WhatsAppOutbox.FileToFetch file, CloudApiException ex) {
        if (ex.errorClass() == CloudApiErrorClass.RETRY_LATER && file.attempts() < MAX_ATTEMPTS) {
            files.retryFileAt(file.id(), clock.instant().plus(backoff(file.attempts())), ex.getMessage());
        } else {
            files.fileFailed(file.id(), ex.getMessage());
        }
        log.warn("Could not fetch media {} (attempt {}): {}", file.mediaId(), file.attempts(), ex.getMessage());
    }

    /** 5 s, 10 s, 20 s … up to 6 h, well within the 7 days a media id lives. */
    static Duration backoff(int attempts) {
        return Backoff.after(attempts, Duration.ofSeconds(5), Duration.ofHours(6));
    }

    static String sha256(byte[] bytes) {
        return WhatsAppOutbox.sha256(bytes);
    }

    /** The room left for files now, in bytes: all of it when no download is in progress. */
    long bytesFree() {
        return budget.available();
    }

    @Override
    public void close() {
        Worker.shutdown(runner, "whatsapp-media-run", STOP_BOUND, true);
        Worker.shutdown(downloads, "whatsapp-media", STOP_BOUND, true);
    }
}
