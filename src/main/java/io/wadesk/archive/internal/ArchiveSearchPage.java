package io.wadesk.archive.internal;

import io.wadesk.agent.Agents;
import io.wadesk.agent.Teams;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The archive's search page, for its controller: the form's choices, its fields checked (a field that is not valid is
 * a form error, and no search is run) and a page of results with links to the pages around it.
 */
@Service
public class ArchiveSearchPage {

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
            Integer page) {

        /** The page asked for, from 0; the first when none is. */
        public int pageNumber() {
            return page == null ? 0 : page;
        }
    }

    private final ArchiveSearch search;
    private final Teams teams;
    private final Agents agents;
    private final UserAccounts users;

    ArchiveSearchPage(ArchiveSearch search, Teams teams, Agents agents, UserAccounts users) {
        this.search = search;
        this.teams = teams;
        this.agents = agents;
        this.users = users;
    }

    /** Fills the search page; false when a field is not valid (its error is in the model, no search is run). */
    public boolean search(SearchForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("teams", teams.all());
        model.addAttribute("agents", agentChoices());
        model.addAttribute("consents", List.of("NONE", "PENDING", "GRANTED", "REFUSED", "WITHDRAWN"));
        model.addAttribute("transcripts", List.of("ARCHIVED", "DESTROYED"));
        List<String> errors = new ArrayList<>();
        Optional<ArchiveQuery> query = query(form, errors);
        model.addAttribute("errors", errors);
        if (query.isEmpty()) {
            return false;
        }
        ArchiveSearch.Page results = search.search(query.get());
        model.addAttribute("results", results);
        model.addAttribute("previousUrl", results.page() > 0 ? pageUrl(form, results.page() - 1) : null);
        model.addAttribute("nextUrl", results.hasNext() ? pageUrl(form, results.page() + 1) : null);
        return true;
    }

    /** The query of the form, or empty with the key of each field's error added to {@code errors}. */
    private static Optional<ArchiveQuery> query(SearchForm form, List<String> errors) {
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
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        ArchiveQuery.Sort sort = "OLDEST".equals(form.sort()) ? ArchiveQuery.Sort.OLDEST : ArchiveQuery.Sort.NEWEST;
        int page = form.pageNumber();
        return Optional.of(new ArchiveQuery(
                from, to, team, agent, form.phone(), form.q(), form.tags(), consent, transcript, sort, page));
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
