/**
 * The admins' settings screens: the rules (capacity, pauses, keep-open time, brand, withdrawal keyword, password
 * length, the consent text and its template), users, teams and the WhatsApp connection. It owns no table: each screen
 * is a form in {@code web}, validated with Bean Validation, whose use case (in {@code internal}) changes the owning
 * module through its API in one transaction and audits the settings that changed, before and after.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"agent", "audit", "conversation", "shared", "user", "webhook", "whatsapp"})
package io.wadesk.admin;
