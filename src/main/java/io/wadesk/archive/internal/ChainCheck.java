package io.wadesk.archive.internal;

import java.util.UUID;

/**
 * A transcript's messages checked against the chain recorded when it was archived.
 *
 * @param position the place (from 1) of the first message that does not match, or null when intact
 * @param messageId that message (for a removed one, the id recorded at archival)
 */
record ChainCheck(Outcome outcome, Integer position, UUID messageId, String chainHead) {

    enum Outcome {
        INTACT,
        /** The message's content or metadata differs from what was archived, or it moved. */
        CHANGED,
        /** The message was archived and is gone. */
        REMOVED,
        /** The message was not there when the transcript was archived. */
        ADDED,
        /** The message's sealed content no longer opens: it was altered. */
        UNREADABLE,
        /** The transcript was archived before evidence chains existed: nothing to check against. */
        NO_CHAIN
    }

    public boolean intact() {
        return outcome == Outcome.INTACT;
    }

    static ChainCheck intact(String chainHead) {
        return new ChainCheck(Outcome.INTACT, null, null, chainHead);
    }

    static ChainCheck broken(Outcome outcome, int index, UUID messageId, String chainHead) {
        return new ChainCheck(outcome, index + 1, messageId, chainHead);
    }
}
