package io.wadesk.desk.web;

import io.wadesk.conversation.ConversationQueries;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.conversation.PastConversation;
import io.wadesk.user.Role;
import io.wadesk.user.SignedInUser;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which conversations a desk user may reach (docs/design.md §1.11 Access): an agent those they may read, a manager or admin
 * any. Anything else is a 404, so that its existence is not revealed either.
 */
@Component
class DeskAccess {

    private final ConversationQueries queries;

    DeskAccess(ConversationQueries queries) {
        this.queries = queries;
    }

    ConversationState readable(SignedInUser user, UUID id) {
        Optional<ConversationState> state = queries.state(id);
        boolean allowed = state.isPresent() && (user.role() != Role.AGENT || queries.agentMayRead(user.id(), id));
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return state.get();
    }

    /** An earlier conversation of the contact, reached like any other. */
    PastConversation past(SignedInUser user, UUID id) {
        readable(user, id);
        return queries.past(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The conversation as it is now, after a command on it. */
    ConversationState current(UUID id) {
        return queries.state(id).orElseThrow();
    }

    boolean closed(UUID id) {
        return queries.state(id)
                .map(ConversationState::status)
                .filter(ConversationStatus.CLOSED::equals)
                .isPresent();
    }
}
