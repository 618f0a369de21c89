package io.wadesk.desk.web;

import io.wadesk.conversation.Attachment;
import io.wadesk.conversation.CommandResult;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.ConversationState;
import io.wadesk.conversation.TemplateRequest;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The composer: a reply with or without a file, and the template picker once the 24-hour window is closed. The
 * conversation pane itself is {@link DeskController}'s, which answers every command the same way: the page, or to
 * htmx the pane, with the reason of a refusal and the typed text kept.
 */
@Controller
class ComposerController {

    private final DeskController desk;
    private final ConversationCommands commands;
    private final ComposerModel composer;

    ComposerController(DeskController desk, ConversationCommands commands, ComposerModel composer) {
        this.desk = desk;
        this.commands = commands;
        this.composer = composer;
    }

    /** Text, or a file with the text as its caption. The server checks the file's type and size again. */
    @NoTranscriptContent("composer commands and the template choice of an open conversation")
    @PostMapping("/desk/conversations/{id}/send")
    String send(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(required = false) MultipartFile file,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = desk.readable(user, id);
        CommandResult<UUID> result = file == null || file.isEmpty()
                ? commands.reply(user.id(), state.id(), text, null)
                : commands.replyWithFile(user.id(), state.id(), attachment(file, text));
        return desk.outcome(result, user, id, htmx, response, model, text);
    }

    /** The picker with one template chosen: a field for each of its placeholders and a preview. */
    @NoTranscriptContent("composer commands and the template choice of an open conversation")
    @GetMapping("/desk/conversations/{id}/template")
    String choose(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String template,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        ConversationState state = desk.readable(user, id);
        model.addAttribute("chosenTemplate", composer.choice(template).orElse(null));
        model.addAttribute("paramValues", List.of());
        if (htmx != null) {
            desk.addPane(user, state, model);
            return "desk/composer :: picker";
        }
        return desk.page(user, state, model);
    }

    /**
     * Sends the chosen template with its parameters ({@code param1}, {@code param2}…). Outside the window it is the
     * re-engagement message and the conversation pauses ({@link ConversationCommands#sendTemplate}).
     */
    @NoTranscriptContent("composer commands and the template choice of an open conversation")
    @PostMapping("/desk/conversations/{id}/template")
    String sendTemplate(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String template,
            @RequestParam Map<String, String> form,
            @AuthenticationPrincipal SignedInUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        ConversationState state = desk.readable(user, id);
        Optional<TemplateChoice> chosen = composer.choice(template);
        List<String> values = chosen.map(choice -> parameters(choice, form)).orElse(List.of());
        TemplateRequest request = chosen.map(choice -> new TemplateRequest(choice.name(), choice.language(), values))
                .or(() -> TemplateChoice.parseKey(template).map(key -> new TemplateRequest(key[0], key[1], List.of())))
                .orElseGet(() -> new TemplateRequest(template, "", List.of()));
        CommandResult<UUID> result = commands.sendTemplate(user.id(), state.id(), request);
        if (!result.isDone()) {
            model.addAttribute("chosenTemplate", chosen.orElse(null));
            model.addAttribute("paramValues", values);
        }
        return desk.outcome(result, user, id, htmx, response, model, null);
    }

    private static List<String> parameters(TemplateChoice choice, Map<String, String> form) {
        return IntStream.rangeClosed(1, choice.placeholders().size())
                .mapToObj(n -> form.getOrDefault("param" + n, "").strip())
                .toList();
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
