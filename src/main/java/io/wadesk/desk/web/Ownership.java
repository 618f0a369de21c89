package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;

/** Who the conversation pane treats as the conversation's owner, and what that lets them do. */
final class Ownership {

    private Ownership() {}

    /** The agent the conversation is assigned to, while it is live work (assigned or paused). */
    static boolean isOwner(SignedInUser user, ConversationState state) {
        return state.agentId() != null
                && state.agentId() == user.id()
                && (state.status() == ConversationStatus.ASSIGNED || state.status() == ConversationStatus.PAUSED);
    }

    /** The owner of an active conversation: the composer is theirs. */
    static boolean canReply(SignedInUser user, ConversationState state) {
        return isOwner(user, state) && state.status() == ConversationStatus.ASSIGNED;
    }

    /** The full phone number: only for the conversation's owner, or a manager or admin. */
    static boolean mayRevealPhone(SignedInUser user, ConversationState state) {
        return user.role() == Role.MANAGER || user.role() == Role.ADMIN || isOwner(user, state);
    }
}
