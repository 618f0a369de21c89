package io.wadesk.desk.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.conversation.Attachment;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationState;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The composer: a reply with or without a file, and the template picker once the 24-hour window is closed. Every
 * command is answered the same way ({@link CommandOutcomes}): the page, or to htmx the pane, with the reason of a
 * refusal and the typed text kept.
 */
@Controller
class ComposerController {

    private final DeskAccess access;
    private final ConversationCommands commands;
    private final TemplatePicker picker;
    private final CommandOutcomes outcomes;
    private final DeskPage page;

    ComposerController(
            DeskAccess access,
            ConversationCommands commands,
            TemplatePicker picker,
            CommandOutcomes outcomes,
            DeskPage page) {
        this.access = access;
        this.commands = commands;
        this.picker = picker;
        this.outcomes = outcomes;
        this.page = page;
    }

    /** What the composer sends: text, or a file with the text as its caption. */
    record SendForm(String text, MultipartFile file) {

        SendForm {
            text = text == null ? "" : text;
        }

        boolean withFile() {
            return file != null && !file.isEmpty();
        }
    }

    /** The template chosen in the picker ({@code name:language}); nothing chosen is an empty key. */
    record TemplateForm(String template) {

        TemplateForm {
            template = template == null ? "" : template;
        }
    }

    /** Text, or a file with the text as its caption. The server checks the file's type and size again. */
    @NoTranscriptContent("composer commands and the template choice of an open conversation")
    @PostMapping("/desk/conversations/{id}/send")
    String send(
            @PathVariable UUID id,
            @ModelAttribute("sendForm") SendForm form,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = access.readable(user, id);
        CommandResult<UUID> result = form.withFile()
                ? commands.replyWithFile(user.id(), state.id(), attachment(form.file(), form.text()))
                : commands.reply(user.id(), state.id(), form.text(), null);
        return outcomes.of(result, form.text(), new DeskRequest(user, id, htmx, response, model));
    }

    /** The picker with one template chosen: a field for each of its placeholders and a preview. */
    @NoTranscriptContent("composer commands and the template choice of an open conversation")
    @GetMapping("/desk/conversations/{id}/template")
    String choose(
            @PathVariable UUID id,
            @ModelAttribute("templateForm") TemplateForm form,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            Model model) {
        ConversationState state = access.readable(user, id);
        model.addAttribute("chosenTemplate", picker.choice(form.template()).orElse(null));
        model.addAttribute("paramValues", List.of());
        if (htmx.isHtmxRequest()) {
            page.addPane(user, state, model);
            return "desk/composer :: picker";
        }
        return page.page(user, state, model);
    }

    /**
     * Sends the chosen template with its parameters ({@code param1}, {@code param2}…). Outside the window it is the
     * re-engagement message and the conversation pauses ({@link ConversationCommands#sendTemplate}).
     */
    @NoTranscriptContent("composer commands and the template choice of an open conversation")
    @PostMapping("/desk/conversations/{id}/template")
    String sendTemplate(
            @PathVariable UUID id,
            @ModelAttribute("templateForm") TemplateForm form,
            @RequestParam Map<String, String> fields,
            @AuthenticationPrincipal SignedInUser user,
            HtmxRequest htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = access.readable(user, id);
        TemplatePicker.Picked picked = picker.pick(form.template(), fields);
        CommandResult<UUID> result = commands.sendTemplate(user.id(), state.id(), picked.request());
        if (!result.isDone()) {
            keepChoice(picked, model);
        }
        return outcomes.of(result, null, new DeskRequest(user, id, htmx, response, model));
    }

    /** A refused template comes back chosen, with what was typed. */
    private static void keepChoice(TemplatePicker.Picked picked, Model model) {
        model.addAttribute("chosenTemplate", picked.choice().orElse(null));
        model.addAttribute("paramValues", picked.values());
    }

    private static Attachment attachment(MultipartFile file, String caption) {
        try {
            String filename = StringUtils.getFilename(
                    StringUtils.cleanPath(file.getOriginalFilename() == null ? "file" : file.getOriginalFilename()));
            return new Attachment(file.getBytes(), file.getContentType(), filename, caption);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
