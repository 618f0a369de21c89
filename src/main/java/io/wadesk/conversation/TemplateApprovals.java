package io.wadesk.conversation;

/**
 * Whether a template may be sent: the WhatsApp module, which syncs the templates from Meta and owns their table,
 * answers (this module cannot depend on it: it depends on this one for the outbox).
 */
public interface TemplateApprovals {

    /** Whether the template of this name and language is APPROVED by Meta as last synced. */
    boolean isApproved(String name, String language);
}
