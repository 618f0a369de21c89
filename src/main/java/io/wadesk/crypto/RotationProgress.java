package io.wadesk.crypto;

/**
 * How far re-wrapping the data keys under the active KEK has gone.
 *
 * @param activeKey the id of the KEK that wraps new data keys
 * @param done live data keys already wrapped under it
 * @param total live data keys (destroyed owners have none)
 */
public record RotationProgress(String activeKey, long done, long total) {

    public boolean complete() {
        return done >= total;
    }

    /** 100 when there is nothing to re-wrap. */
    public int percent() {
        return total == 0 ? 100 : (int) (done * 100 / total);
    }
}
