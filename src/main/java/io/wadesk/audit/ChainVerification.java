package io.wadesk.audit;

/**
 * The outcome of checking the audit chain: how many entries were checked and, when it is broken, the sequence
 * number of the first entry whose hash no longer matches (changed, or following a removed entry).
 */
public record ChainVerification(long checked, Long firstBrokenSeq) {

    public boolean intact() {
        return firstBrokenSeq == null;
    }
}
