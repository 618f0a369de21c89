package io.wadesk.desk.web;

import io.wadesk.conversation.CommandResult;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How the desk answers every command on a conversation (its own and the composer's): the page, or to htmx the pane,
 * with the reason of a refusal and the typed text kept (HTTP 422, which htmx swaps).
 */
@Component
class CommandOutcomes {

    private final DeskAccess access;
    private final DeskPage page;

    CommandOutcomes(DeskAccess access, DeskPage page) {
        this.access = access;
        this.page = page;
    }

    /**
     * Once closed, the conversation leaves the desk: its kept transcript is an archive read, not live work.
     *
     * @param draft the text typed, kept in the composer when refused; null for commands without one
     */
    String of(CommandResult<?> result, String draft, DeskRequest request) {
        if (result instanceof CommandResult.Refused<?> refused) {
            showRefusal(refused, draft, request);
        }
        if (request.htmx().isHtmxRequest()) {
            page.addPane(request.user(), access.current(request.conversationId()), request.model());
            return "desk/pane :: pane";
        }
        if (result.isDone()) {
            return access.closed(request.conversationId())
                    ? "redirect:/desk"
                    : "redirect:/desk/conversations/" + request.conversationId();
        }
        return page.page(request.user(), access.current(request.conversationId()), request.model());
    }

    private static void showRefusal(CommandResult.Refused<?> refused, String draft, DeskRequest request) {
        request.response().setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        request.model().addAttribute("refusal", refused.reason().messageKey());
        request.model().addAttribute("draft", draft);
    }
}
