package io.wadesk.retention.internal;

/**
 * What a run would do now.
 *
 * @param expired archived transcripts past their retention period that a run would destroy
 * @param held transcripts past their period that a legal hold keeps
 */
public record RetentionPreview(int expired, int held) {}
