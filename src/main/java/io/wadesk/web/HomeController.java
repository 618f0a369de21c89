package io.wadesk.web;

import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each signed-in user to the page of their role. */
@NoTranscriptContent("a redirect to the user's start page")
@Controller
class HomeController {

    @GetMapping("/")
    String home(@AuthenticationPrincipal SignedInUser user) {
        return switch (user.role()) {
            case ADMIN -> "redirect:/admin";
            case MANAGER -> "redirect:/archive";
            case AGENT -> "redirect:/desk";
        };
    }
}
