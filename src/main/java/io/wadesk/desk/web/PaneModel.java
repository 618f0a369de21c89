package io.wadesk.desk.web;

import io.wadesk.conversation.Consents;
import io.wadesk.conversation.ContactView;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.conversation.ConversationState;
import io.wadesk.user.SignedInUser;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the pane shows around the thread and the composer: the contact's name and card, whether the phone may be
 * revealed, the pause lengths and, for the owner, where the conversation may be transferred.
 */
@Component
class PaneModel {

    private final ConversationHistory history;
    private final Consents consents;
    private final ConversationRules rules;
    private final TransferChoices transfers;

    PaneModel(ConversationHistory history, Consents consents, ConversationRules rules, TransferChoices transfers) {
        this.history = history;
        this.consents = consents;
        this.rules = rules;
        this.transfers = transfers;
    }

    void addTo(Model model, SignedInUser user, ConversationState state) {
        model.addAttribute("conversation", state);
        model.addAttribute("owner", Ownership.isOwner(user, state));
        model.addAttribute("canReply", Ownership.canReply(user, state));
        addContact(model, user, state);
        model.addAttribute("pauseChoices", PauseChoice.of(rules));
        if (Ownership.isOwner(user, state)) {
            model.addAttribute("colleagues", transfers.colleaguesOf(user.id()));
            model.addAttribute("transferTeams", transfers.teams());
        }
    }

    /** The contact's name for the pane's head, and the card with the phone masked and the consent. */
    private void addContact(Model model, SignedInUser user, ConversationState state) {
        Optional<ContactView> contact = history.contact(state.contactId());
        model.addAttribute("contactName", contact.map(PaneModel::nameOf).orElse(""));
        model.addAttribute(
                "card",
                contact.map(c -> ContactCard.of(c, consents.status(state.contactId())))
                        .orElse(null));
        model.addAttribute("mayRevealPhone", Ownership.mayRevealPhone(user, state));
    }

    private static String nameOf(ContactView contact) {
        if (contact.profileName() != null && !contact.profileName().isBlank()) {
            return contact.profileName();
        }
        return contact.waId() != null ? DeskItem.masked(contact.waId()) : "";
    }
}
