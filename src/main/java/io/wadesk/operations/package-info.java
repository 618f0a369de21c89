/**
 * The admins' operations on the machinery (issue 9): encryption keys (their status, rotation with its progress,
 * retirement, and the hourly schedule that retires emptied keys and warns when a rotation is due) and the webhook's
 * dead letters (replay, discard). It owns no table and exposes nothing: the screens are in {@code web}, the services
 * in {@code internal}. Each change is audited; the work itself is done by
 * {@link io.wadesk.crypto.KeyRotation} and {@link io.wadesk.webhook.DeadLetters}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "crypto", "shared", "user", "webhook"})
package io.wadesk.operations;
