package io.wadesk.admin.web;

import io.wadesk.shared.NoTranscriptContent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The admins' home: a link to each settings screen. */
@NoTranscriptContent("administration: settings, users, teams, the WhatsApp connection")
@Controller
class AdminController {

    @GetMapping("/admin")
    String settings() {
        return "admin/index";
    }
}
