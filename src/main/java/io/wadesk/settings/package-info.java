/**
 * Settings that admins change on screen rather than in a config file (table {@code settings}): each module reads its
 * own keys through {@link io.wadesk.settings.Settings}, with its application properties as the defaults. Secrets are
 * sealed by the Vault. A change is seen at once by the instance that made it and within
 * {@link io.wadesk.settings.Settings#TTL} by every other instance.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"crypto"})
package io.wadesk.settings;
