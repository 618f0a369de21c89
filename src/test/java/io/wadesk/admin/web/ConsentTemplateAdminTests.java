package io.wadesk.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 16 point 9: admins name the approved template that carries the consent request outside the window. */
@IntegrationTest
class ConsentTemplateAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    ConversationRules rules;

    @Autowired
    AuditSearch audit;

    @Test
    void anAdminSetsTheConsentTemplateAndItIsAudited() throws Exception {
        UserAccount admin = users.create(Role.ADMIN);
        Cookie session = SignIn.as(mvc, admin.username(), TestUsers.PASSWORD);
        try {
            String refused = mvc.perform(post("/admin/rules/consent-template")
                            .cookie(session)
                            .with(csrf())
                            .param("template", "no-language"))
                    .andExpect(status().isUnprocessableContent())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(refused).contains("par exemple consent_request:fr", "value=\"no-language\"");
            assertThat(rules.consentTemplate()).isEmpty();

            mvc.perform(post("/admin/rules/consent-template")
                            .cookie(session)
                            .with(csrf())
                            .param("template", " consent_request:fr "))
                    .andExpect(status().is3xxRedirection());

            assertThat(rules.consentTemplate()).contains("consent_request:fr");
            assertThat(mvc.perform(get("/admin/rules").cookie(session))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsString())
                    .contains("value=\"consent_request:fr\"");
            assertThat(audit.find(
                            new AuditQuery(admin.username(), "admin.consent-template.changed", null, null, null, null),
                            0,
                            5))
                    .singleElement()
                    .satisfies(
                            entry -> assertThat(entry.details()).containsEntry("template.after", "consent_request:fr"));
        } finally {
            rules.setConsentTemplate(null, admin.id());
        }
        assertThat(rules.consentTemplate()).isEmpty();
    }
}
