/**
 * The admins' operations on the machinery (issue 9): encryption keys (their status, rotation with its progress,
 * retirement) and the webhook's dead letters (replay, discard). Each change is audited; the work itself is done by
 * {@link io.wadesk.crypto.KeyRotation} and {@link io.wadesk.webhook.DeadLetters}.
 */
package io.wadesk.operations;
