package io.wadesk.admin.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The admins' home: a link to each settings screen. */
@Controller
class AdminController {

    @GetMapping("/admin")
    String settings() {
        return "admin/index";
    }
}
