/**
 * The people who work in wadesk (table {@code users}): their accounts and roles ({@link io.wadesk.user.UserAccounts},
 * {@link io.wadesk.user.Role}), the signed-in principal ({@link io.wadesk.user.SignedInUser}), the password policy,
 * the first admin and the demo users, each user's own password screen, and the gate that sends a user whose password
 * was reset to change it first. A revoked sign-in is published as {@link io.wadesk.user.SignInsRevoked}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "settings", "shared"})
package io.wadesk.user;
