package io.wadesk.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 16, point 8: a multipart body is parsed only on a route that uploads a file, within that route's limit, and
 * never for an anonymous visitor.
 */
@IntegrationTest
class MultipartGuardTests {

    private static final String BOUNDARY = "----wadesk";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Test
    void anAnonymousUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        mvc.perform(multipart("/desk/conversations/{id}/send", UUID.randomUUID())
                        .file(new MockMultipartFile("file", "big.pdf", "application/pdf", new byte[1024]))
                        .with(csrf()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aMultipartBodyOnARouteThatTakesNoFileIsRefused() throws Exception {
        Cookie agent = SignIn.as(mvc, users.create(Role.AGENT));

        mvc.perform(multipart("/desk/status")
                        .param("status", "AVAILABLE")
                        .cookie(agent)
                        .with(csrf()))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(multipart("/login")
                        .param("username", "x")
                        .param("password", "y")
                        .with(csrf()))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void anUploadLargerThanItsRoutesLimitIsRefused() throws Exception {
        Cookie agent = SignIn.as(mvc, users.create(Role.AGENT));
        byte[] sevenMegabytes = new byte[7 << 20];

        mvc.perform(post("/simulator/images")
                        .contentType("multipart/form-data; boundary=" + BOUNDARY)
                        .content(sevenMegabytes)
                        .cookie(agent)
                        .with(csrf()))
                .andExpect(status().isPayloadTooLarge());
    }

    @Test
    void aSignedInAgentsAttachmentWithinTheLimitGoesThrough() throws Exception {
        Cookie agent = SignIn.as(mvc, users.create(Role.AGENT));
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nBonjour\r\n--"
                        + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        // Through the guard: the conversation does not exist, which the controller answers.
        mvc.perform(post("/desk/conversations/{id}/send", UUID.randomUUID())
                        .contentType("multipart/form-data; boundary=" + BOUNDARY)
                        .content(body)
                        .cookie(agent)
                        .with(csrf()))
                .andExpect(result -> org.assertj.core.api.Assertions.assertThat(
                                result.getResponse().getStatus())
                        .isNotIn(401, 413, 415));
    }
}
