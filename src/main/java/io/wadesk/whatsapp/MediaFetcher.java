package io.wadesk.whatsapp;

import io.wadesk.conversation.MediaFiles;
import io.wadesk.shared.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fetches the files customers send, right after ingestion: a media id is downloadable for 7 days but its URL for 5
 * minutes, so each attempt asks for a fresh URL. The file must match Meta's sha256 and the size limit of its kind.
 * Transient failures are retried with backoff; a mismatch or an oversized file fails at once.
 */
@Component
class MediaFetcher {

    private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);

    /** WhatsApp's limits per kind of file (CLOUD-API.md §7); anything else is capped at 100 MB. */
    static final Map<String, Long> MAX_BYTES = Map.of(
            "image", 5L << 20,
            "audio", 16L << 20,
            "video", 16L << 20,
            "sticker", 500L << 10,
            "document", 100L << 20);

    static final int MAX_ATTEMPTS = 6;

    private final MediaFiles files;
    private final CloudApiClient client;
    private final WhatsAppConnection connection;
    private final Clock clock;

    MediaFetcher(MediaFiles files, CloudApiClient client, CloudApiProperties properties, Clock clock) {
        this(files, client, WhatsAppConnection.of(properties), clock);
    }

    @Autowired
    MediaFetcher(MediaFiles files, CloudApiClient client, WhatsAppConnection connection, Clock clock) {
        this.files = files;
        this.client = client;
        this.connection = connection;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${wadesk.whatsapp.media.poll-interval:PT2S}")
    public void poll() {
        if (!connection.accessToken().isEmpty()) {
            runOnce();
        }
    }

    /** Fetches the files that are due; returns how many were stored. */
    public int runOnce() {
        int stored = 0;
        for (MediaFiles.Pending file : files.claimDue(20)) {
            if (fetch(file)) {
                stored++;
            }
        }
        return stored;
    }

    private boolean fetch(MediaFiles.Pending file) {
        long max = MAX_BYTES.getOrDefault(file.kind(), 100L << 20);
        try {
            CloudApiClient.MediaInfo info = client.mediaInfo(file.mediaId(), file.phoneNumberId());
            if (info.url() == null) {
                throw new CloudApiException(
                        CloudApiErrorClass.RETRY_LATER, null, null, "No download URL in the answer", null, 200, null);
            }
            if (info.fileSize() > max) {
                files.failed(file.id(), "Larger than the " + max + " bytes allowed for " + file.kind());
                return false;
            }
            byte[] bytes = client.download(info.url(), max);
            String expected = file.sha256() != null ? file.sha256() : info.sha256();
            if (expected != null && !expected.equals(sha256(bytes))) {
                files.failed(file.id(), "The file does not match its sha256");
                return false;
            }
            files.stored(file.id(), bytes, info.mimeType());
            return true;
        } catch (CloudApiException ex) {
            if (ex.errorClass() == CloudApiErrorClass.RETRY_LATER && file.attempts() < MAX_ATTEMPTS) {
                files.retryAt(file.id(), clock.instant().plus(backoff(file.attempts())), ex.getMessage());
            } else {
                files.failed(file.id(), ex.getMessage());
            }
            log.warn("Could not fetch media {} (attempt {}): {}", file.mediaId(), file.attempts(), ex.getMessage());
            return false;
        }
    }

    /** 5 s, 10 s, 20 s … up to 6 h, well within the 7 days a media id lives. */
    static Duration backoff(int attempts) {
        return Backoff.after(attempts, Duration.ofSeconds(5), Duration.ofHours(6));
    }

    static String sha256(byte[] bytes) {
        return MediaFiles.sha256(bytes);
    }
}
