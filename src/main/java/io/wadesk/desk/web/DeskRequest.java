package io.wadesk.desk.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.ui.Model;

/** A request on an open conversation, as the answer to a command needs it: who, which, htmx or not, and where to. */
record DeskRequest(
        SignedInUser user, UUID conversationId, HtmxRequest htmx, HttpServletResponse response, Model model) {}
