package io.wadesk.admin.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.user.SignedInUser;
import io.wadesk.webhook.WebhookSecrets;
import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.TemplateSync;
import io.wadesk.whatsapp.WhatsAppConnection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The WhatsApp connection's use cases: save the connection (a blank secret keeps the current one; secrets are audited
 * masked), sync the templates from the WABA, choose the re-engagement template. Each change is audited.
 */
@Service
public class WhatsAppAdministration {

    private final WhatsAppConnection connection;
    private final WebhookSecrets webhook;
    private final TemplateSync sync;
    private final ApprovedTemplates templates;
    private final AuditLog audit;

    WhatsAppAdministration(
            WhatsAppConnection connection,
            WebhookSecrets webhook,
            TemplateSync sync,
            ApprovedTemplates templates,
            AuditLog audit) {
        this.connection = connection;
        this.webhook = webhook;
        this.sync = sync;
        this.templates = templates;
        this.audit = audit;
    }

    /** The connection in force, as the form first shows it. */
    public ConnectionForm currentForm() {
        return ConnectionForm.shown(connection.phoneNumberIds(), connection.wabaId(), connection.apiVersion());
    }

    /** Saves a valid form: only what changed is set and audited. */
    @Transactional
    public void save(SignedInUser admin, ConnectionForm form) {
        Changes changes =
                Changes.of(AuditEntry.of(admin.getUsername(), "admin.whatsapp.changed", "settings", "whatsapp"));
        saveWebhookSecrets(admin, form, changes);
        saveConnection(admin, form, changes);
        if (changes.any()) {
            audit.record(changes.entry());
        }
    }

    private void saveWebhookSecrets(SignedInUser admin, ConnectionForm form, Changes changes) {
        String verifyToken = form.verifyToken();
        if (!verifyToken.isBlank() && !verifyToken.strip().equals(webhook.verifyToken())) {
            changes.add(
                    "verifyToken",
                    WhatsAppConnection.mask(webhook.verifyToken()),
                    WhatsAppConnection.mask(verifyToken.strip()));
            webhook.setVerifyToken(verifyToken, admin.id());
        }
        List<String> secrets = form.secrets();
        if (!secrets.isEmpty() && !secrets.equals(webhook.appSecrets())) {
            changes.add("appSecrets", masked(webhook.appSecrets()), masked(secrets));
            webhook.setAppSecrets(secrets, admin.id());
        }
    }

    private void saveConnection(SignedInUser admin, ConnectionForm form, Changes changes) {
        String accessToken = form.accessToken();
        if (!accessToken.isBlank() && !accessToken.strip().equals(connection.accessToken())) {
            changes.add(
                    "accessToken",
                    WhatsAppConnection.mask(connection.accessToken()),
                    WhatsAppConnection.mask(accessToken.strip()));
            connection.setAccessToken(accessToken, admin.id());
        }
        saveIds(admin, form, changes);
    }

    private void saveIds(SignedInUser admin, ConnectionForm form, Changes changes) {
        if (!form.numbers().equals(connection.phoneNumberIds())) {
            changes.add("phoneNumberIds", connection.phoneNumberIds(), form.numbers());
            connection.setPhoneNumberIds(form.numbers(), admin.id());
        }
        if (!form.wabaId().equals(connection.wabaId())) {
            changes.add("wabaId", connection.wabaId(), form.wabaId());
            connection.setWabaId(form.wabaId(), admin.id());
        }
        if (!form.apiVersion().equals(connection.apiVersion())) {
            changes.add("apiVersion", connection.apiVersion(), form.apiVersion());
            connection.setApiVersion(form.apiVersion(), admin.id());
        }
    }

    /**
     * Syncs the templates from the WABA now, audited.
     *
     * @throws Refused when no WABA is set
     * @throws CloudApiException when the Graph API fails
     */
    public TemplateSync.Result syncTemplates(SignedInUser admin) {
        if (connection.wabaId().isEmpty()) {
            throw new Refused("adminconf.whatsapp.sync.noWaba");
        }
        TemplateSync.Result result = sync.syncNow();
        audit.record(AuditEntry.of(admin.getUsername(), "admin.whatsapp.templates.synced", "settings", "whatsapp")
                .with("templates", result.templates())
                .with("removed", result.removed()));
        return result;
    }

    /** The re-engagement template's key ({@code name:language}), or blank. */
    public String reengagementTemplate() {
        return connection
                .reengagementTemplate()
                .map(WhatsAppConnection.TemplateRef::key)
                .orElse("");
    }

    /**
     * Chooses the re-engagement template among the approved ones; blank chooses none.
     *
     * @throws Refused when it is not an approved template
     */
    @Transactional
    public void chooseReengagement(SignedInUser admin, String template) {
        String before = reengagementTemplate();
        WhatsAppConnection.TemplateRef chosen = approved(template);
        if (!template.isEmpty() && chosen == null) {
            throw new Refused("adminconf.whatsapp.reengagement.error");
        }
        connection.setReengagementTemplate(chosen, admin.id());
        Changes changes = Changes.of(AuditEntry.of(
                        admin.getUsername(), "admin.whatsapp.reengagement.changed", "settings", "whatsapp"))
                .add("reengagementTemplate", before, template);
        if (changes.any()) {
            audit.record(changes.entry());
        }
    }

    /** The approved template of that key ({@code name:language}), or null. */
    private WhatsAppConnection.TemplateRef approved(String key) {
        return templates.list().stream()
                .map(t -> new WhatsAppConnection.TemplateRef(t.name(), t.language()))
                .filter(ref -> ref.key().equals(key))
                .findFirst()
                .orElse(null);
    }

    private static String masked(List<String> secrets) {
        return String.join(", ", secrets.stream().map(WhatsAppConnection::mask).toList());
    }
}
