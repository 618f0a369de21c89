package io.wadesk.archive;

import io.wadesk.agent.Agents;
import io.wadesk.agent.Teams;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the archive's pages show, for its controller: the search form and its results, the reason form, a transcript
 * opened for a reason, tags and exports. Bad input comes back as a form error (the caller answers 400).
 */
@Service
public class ArchivePages {

    /** The search form's fields, as typed. */
    public record SearchForm(
            String from,
            String to,
            String team,
            String agent,
            String phone,
            String q,
            String tags,
            String consent,
            String transcript,
            String sort,
            int page) {}

    private final ArchiveSearch search;
    private final TranscriptAccess access;
    private final ArchiveTags tags;
    private final EvidencePdf pdf;
    private final Teams teams;
    private final Agents agents;
    private final UserAccounts users;
    private final Clock clock;
    private final MessageSource messages;

    ArchivePages(
            ArchiveSearch search,
            TranscriptAccess access,
            ArchiveTags tags,
            EvidencePdf pdf,
            Teams teams,
            Agents agents,
            UserAccounts users,
            Clock clock,
            MessageSource messages) {
        this.search = search;
        this.access = access;
        this.tags = tags;
        this.pdf = pdf;
        this.teams = teams;
        this.agents = agents;
        this.users = users;
        this.clock = clock;
        this.messages = messages;
    }

    /** Fills the search page; false when a field is not valid (its error is in the model, no search is run). */
    public boolean search(SearchForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("teams", teams.all());
        model.addAttribute("agents", agentChoices());
        model.addAttribute("consents", List.of("NONE", "PENDING", "GRANTED", "REFUSED", "WITHDRAWN"));
        model.addAttribute("transcripts", List.of("ARCHIVED", "DESTROYED"));
        List<String> errors = new ArrayList<>();
        LocalDate from = date(form.from(), "archive.search.error.from", errors);
        LocalDate to = date(form.to(), "archive.search.error.to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("archive.search.error.range");
        }
        Long team = id(form.team(), "archive.search.error.team", errors);
        Long agent = id(form.agent(), "archive.search.error.agent", errors);
        String consent = choice(form.consent(), ArchiveSearch.CONSENTS, "archive.search.error.consent", errors);
        String transcript =
                choice(form.transcript(), ArchiveSearch.TRANSCRIPTS, "archive.search.error.transcript", errors);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            return false;
        }
        ArchiveQuery.Sort sort = "OLDEST".equals(form.sort()) ? ArchiveQuery.Sort.OLDEST : ArchiveQuery.Sort.NEWEST;
        ArchiveQuery query = new ArchiveQuery(
                from, to, team, agent, form.phone(), form.q(), form.tags(), consent, transcript, sort, form.page());
        ArchiveSearch.Page results = search.search(query);
        model.addAttribute("results", results);
        model.addAttribute("previousUrl", results.page() > 0 ? pageUrl(form, results.page() - 1) : null);
        model.addAttribute("nextUrl", results.hasNext() ? pageUrl(form, results.page() + 1) : null);
        return true;
    }

    public void reasonForm(UUID conversationId, Model model) {
        model.addAttribute("conversation", closed(conversationId));
        model.addAttribute("reasons", ReadReason.Kind.choosable());
    }

    /** Opens the transcript and audits it; false (with the form error in the model, nothing audited) without reason. */
    public boolean read(String actor, UUID conversationId, String reason, String note, Locale locale, Model model) {
        ReadReason.Result parsed = ReadReason.parse(reason, note);
        if (parsed.valid().isEmpty()) {
            reasonForm(conversationId, model);
            model.addAttribute("reasonError", parsed.problem().messageKey());
            model.addAttribute("chosenReason", reason);
            model.addAttribute("note", note);
            return false;
        }
        Transcript transcript = access.read(actor, conversationId, parsed.reason())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("conversation", transcript.conversation());
        model.addAttribute("lines", transcript.lines());
        model.addAttribute("check", transcript.check());
        model.addAttribute("reason", parsed.reason());
        model.addAttribute("tags", transcript.conversation().tags());
        model.addAttribute("destroyedWhy", destroyedWhy(transcript.conversation(), locale));
        return true;
    }

    public byte[] exportPdf(String actor, UUID conversationId, String reason, String note, Locale locale) {
        return pdf.render(evidence(actor, conversationId, reason, note, "pdf"), locale);
    }

    public byte[] exportJson(String actor, UUID conversationId, String reason, String note) {
        return evidence(actor, conversationId, reason, note, "json").json();
    }

    public boolean addTag(String actor, long actorId, UUID conversationId, String tag, Model model) {
        closed(conversationId);
        Optional<String> valid = ArchiveTags.normalise(tag);
        valid.ifPresent(accepted -> tags.add(actor, actorId, conversationId, accepted));
        if (valid.isEmpty()) {
            model.addAttribute("tagError", "archive.tags.error");
        }
        fillTags(conversationId, model);
        return valid.isPresent();
    }

    public void removeTag(String actor, UUID conversationId, String tag, Model model) {
        closed(conversationId);
        ArchiveTags.normalise(tag).ifPresent(known -> tags.remove(actor, conversationId, known));
        fillTags(conversationId, model);
    }

    /** Why a transcript was destroyed, in words; a reason this page does not know yet is shown as recorded. */
    private String destroyedWhy(ArchivedConversation conversation, Locale locale) {
        String reason = conversation.destroyedReason();
        return reason == null ? "—" : messages.getMessage("archive.destroyed." + reason, null, reason, locale);
    }

    private void fillTags(UUID conversationId, Model model) {
        model.addAttribute("conversation", closed(conversationId));
        model.addAttribute("tags", tags.of(conversationId));
    }

    private Evidence evidence(String actor, UUID conversationId, String reason, String note, String format) {
        ReadReason.Result parsed = ReadReason.parse(reason, note);
        if (parsed.valid().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A reason is required: " + parsed.problem());
        }
        ArchivedConversation conversation = closed(conversationId);
        if (conversation.destroyed()) {
            throw new ResponseStatusException(HttpStatus.GONE, "This transcript was destroyed");
        }
        Transcript transcript = access.export(actor, conversationId, parsed.reason(), format)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Evidence.of(transcript, actor, clock.instant());
    }

    private ArchivedConversation closed(UUID conversationId) {
        return search.find(conversationId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private List<UserAccount> agentChoices() {
        return agents.all().stream()
                .map(agent -> users.find(agent.userId()))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(UserAccount::displayName))
                .toList();
    }

    /** The same search, another page (relative to the application's root; the template adds the context path). */
    private static String pageUrl(SearchForm form, int page) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/archive");
        pageParams(form).forEach(url::queryParam);
        return url.queryParam("page", page).encode().build().toUriString();
    }

    private static Map<String, String> pageParams(SearchForm form) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", form.from());
        params.put("to", form.to());
        params.put("team", form.team());
        params.put("agent", form.agent());
        params.put("phone", form.phone());
        params.put("q", form.q());
        params.put("tags", form.tags());
        params.put("consent", form.consent());
        params.put("transcript", form.transcript());
        params.put("sort", form.sort());
        params.values().removeIf(value -> value == null || value.isBlank());
        return params;
    }

    private static LocalDate date(String text, String error, List<String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(error);
            return null;
        }
    }

    private static Long id(String text, String error, List<String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.add(error);
            return null;
        }
    }

    private static String choice(String text, java.util.Set<String> allowed, String error, List<String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!allowed.contains(text)) {
            errors.add(error);
            return null;
        }
        return text;
    }
}
