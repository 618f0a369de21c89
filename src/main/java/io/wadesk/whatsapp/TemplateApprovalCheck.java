package io.wadesk.whatsapp;

import io.wadesk.conversation.TemplateApprovals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers the conversation module's commands from the templates as last synced ({@link TemplateSync}). */
@Component
class TemplateApprovalCheck implements TemplateApprovals {

    private final JdbcClient jdbc;

    TemplateApprovalCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isApproved(String name, String language) {
        return jdbc.sql(
                                "SELECT count(*) FROM whatsapp_templates WHERE name = ? AND language = ? AND status = 'APPROVED'")
                        .params(name, language)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
