package io.wadesk.whatsapp.internal;

import io.wadesk.conversation.MediaFilesQueued;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes the media fetcher when a media message was stored on this instance, once the rows are committed, so a
 * customer's file is fetched at once rather than at the next poll. Only where the poll runs: with scheduling off (tests,
 * an instance that should not fetch) nothing is fetched behind the caller's back. Files queued by other instances
 * wait for this instance's poll (or theirs).
 */
@Component
@ConditionalOnProperty(name = "wadesk.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class MediaFetchWakeUp {

    private final MediaFetcher fetcher;

    MediaFetchWakeUp(MediaFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Runs in the ingesting thread after commit; the fetch itself runs on the fetcher's thread. */
    @TransactionalEventListener
    void filesQueued(MediaFilesQueued event) {
        fetcher.poll();
    }
}
