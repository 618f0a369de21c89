package io.wadesk.web;

import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.DemoUsers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@NoTranscriptContent("the sign-in page")
@Controller
class LoginController {

    private final DemoUsers demoUsers;

    LoginController(DemoUsers demoUsers) {
        this.demoUsers = demoUsers;
    }

    @GetMapping("/login")
    String login(Model model) {
        // Only where the demo users were created: never on a database with real users.
        if (demoUsers.active()) {
            model.addAttribute("demoUsers", DemoUsers.USERS);
            model.addAttribute("demoPassword", DemoUsers.PASSWORD);
        }
        return "login";
    }
}
