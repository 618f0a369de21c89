package io.wadesk.web;

import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.DemoUsers;
import io.wadesk.user.UserBootstrapProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@NoTranscriptContent("the sign-in page")
@Controller
class LoginController {

    private final UserBootstrapProperties properties;

    LoginController(UserBootstrapProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    String login(Model model) {
        if (properties.demo()) {
            model.addAttribute("demoUsers", DemoUsers.USERS);
            model.addAttribute("demoPassword", DemoUsers.PASSWORD);
        }
        return "login";
    }
}
