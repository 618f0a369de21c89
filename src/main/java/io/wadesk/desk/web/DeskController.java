package io.wadesk.desk.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The agent desk; its conversations arrive with the desk issue. */
@Controller
class DeskController {

    @GetMapping("/desk")
    String desk() {
        return "desk/index";
    }
}
