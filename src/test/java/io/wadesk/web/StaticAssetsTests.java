package io.wadesk.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The pages' own files and the front-end libraries are served by the app itself (no CDN), to anyone. */
@IntegrationTest
class StaticAssetsTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theAppsStylesScriptsAndWebjarsAreServed() throws Exception {
        mvc.perform(get("/css/wadesk.css"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
        mvc.perform(get("/js/desk-live.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/css/none.css")).andExpect(status().isNotFound());
    }
}
