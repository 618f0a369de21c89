package io.wadesk.desk.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.conversation.ConversationState;
import io.wadesk.desk.internal.PhoneReveals;
import io.wadesk.shared.AuditedRead;
import io.wadesk.user.SignedInUser;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/** The contact card's full phone number, for the conversation's owner, or a manager or admin. */
@Controller
class ContactCardController {

    private final DeskAccess access;
    private final PhoneReveals phones;
    private final DeskPage page;

    ContactCardController(DeskAccess access, PhoneReveals phones, DeskPage page) {
        this.access = access;
        this.phones = phones;
        this.page = page;
    }

    /** To htmx the number alone; otherwise the page with it shown in the card. Each reveal is audited. */
    @AuditedRead("the full phone number: audited as contact.phone.revealed")
    @PostMapping("/desk/conversations/{id}/phone")
    String revealPhone(
            @PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, HtmxRequest htmx, Model model) {
        ConversationState state = access.readable(user, id);
        if (!Ownership.mayRevealPhone(user, state)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        String waId = phones.reveal(user.getUsername(), state, Ownership.isOwner(user, state))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("fullPhone", ContactCard.fullPhone(waId));
        return htmx.isHtmxRequest() ? "desk/thread :: phone" : page.page(user, state, model);
    }
}
