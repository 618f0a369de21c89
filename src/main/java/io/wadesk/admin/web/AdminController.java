package io.wadesk.admin.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The admins' settings; users, rules, retention and keys arrive with the admin issue. */
@Controller
class AdminController {

    @GetMapping("/admin")
    String settings() {
        return "admin/index";
    }
}
