package io.wadesk.audit.web;

import io.wadesk.audit.internal.AuditQuery;
import io.wadesk.audit.internal.AuditRecord;
import io.wadesk.audit.internal.AuditSearch;
import io.wadesk.audit.internal.ChainVerifier;
import io.wadesk.shared.NoTranscriptContent;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The audit log for managers and admins ({@code /audit/**}): filtered by user, action and dates, newest first, and a
 * "verify chain" that recomputes every hash and names the first entry changed or following a removed one.
 */
@NoTranscriptContent("the audit log: ids and codes, no content")
@Controller
class AuditController {

    static final int PAGE_SIZE = 50;

    private final AuditSearch search;
    private final ChainVerifier verifier;
    private final Clock clock;

    AuditController(AuditSearch search, ChainVerifier verifier, Clock clock) {
        this.search = search;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** The filters of the page as typed (days as yyyy-MM-dd); a blank filter matches everything. */
    record AuditFilter(String user, String action, String from, String to, Integer page) {

        /** The filters given, to keep them in the page's links and form. */
        Map<String, String> given() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("user", user);
            params.put("action", action);
            params.put("from", from);
            params.put("to", to);
            params.values().removeIf(value -> value == null || value.isBlank());
            return params;
        }
    }

    @GetMapping("/audit")
    String page(@ModelAttribute AuditFilter filter, Model model, HttpServletResponse response) {
        if (!fill(filter, filter.page() == null ? 0 : filter.page(), model)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "audit/index";
    }

    @PostMapping("/audit/verify")
    String verify(@ModelAttribute AuditFilter filter, Model model) {
        model.addAttribute("verification", verifier.verifyChain());
        fill(filter, 0, model);
        return "audit/index";
    }

    /** The page's filters, errors and entries; false when a day does not parse (no entries then). */
    private boolean fill(AuditFilter filter, int page, Model model) {
        List<String> errors = new ArrayList<>();
        LocalDate fromDay = day(filter.from(), "audit.error.from", errors);
        LocalDate toDay = day(filter.to(), "audit.error.to", errors);
        model.addAttribute("filter", filter.given());
        model.addAttribute("errors", errors);
        model.addAttribute("page", Math.max(page, 0));
        if (!errors.isEmpty()) {
            model.addAttribute("entries", List.of());
            model.addAttribute("hasNext", false);
            return false;
        }
        AuditQuery query = new AuditQuery(filter.user(), filter.action(), null, null, startOf(fromDay), endOf(toDay));
        addEntries(query, Math.max(page, 0), model);
        return true;
    }

    private void addEntries(AuditQuery query, int page, Model model) {
        List<AuditRecord> entries = search.find(query, page, PAGE_SIZE);
        // One entry past this page, read as a page of size one: whether a next page exists, without counting them all.
        boolean hasNext = !search.find(query, (page + 1) * PAGE_SIZE, 1).isEmpty();
        model.addAttribute("entries", entries);
        model.addAttribute("hasNext", hasNext);
    }

    /** The end of the period, exclusive: the start of the day after its last day. */
    private Instant endOf(LocalDate lastDay) {
        return lastDay == null ? null : startOf(lastDay.plusDays(1));
    }

    private Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(clock.getZone()).toInstant();
    }

    private static LocalDate day(String text, String error, List<String> errors) {
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
}
