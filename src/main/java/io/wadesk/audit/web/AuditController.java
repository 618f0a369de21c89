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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

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

    @GetMapping("/audit")
    String page(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            Model model,
            HttpServletResponse response) {
        if (!fill(user, action, from, to, page, model)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "audit/index";
    }

    @PostMapping("/audit/verify")
    String verify(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        model.addAttribute("verification", verifier.verifyChain());
        fill(user, action, from, to, 0, model);
        return "audit/index";
    }

    private boolean fill(String user, String action, String from, String to, int page, Model model) {
        List<String> errors = new ArrayList<>();
        LocalDate fromDay = day(from, "audit.error.from", errors);
        LocalDate toDay = day(to, "audit.error.to", errors);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", user);
        params.put("action", action);
        params.put("from", from);
        params.put("to", to);
        params.values().removeIf(value -> value == null || value.isBlank());
        model.addAttribute("filter", params);
        model.addAttribute("errors", errors);
        model.addAttribute("page", Math.max(page, 0));
        if (!errors.isEmpty()) {
            model.addAttribute("entries", List.of());
            model.addAttribute("hasNext", false);
            return false;
        }
        AuditQuery query = new AuditQuery(
                user, action, null, null, startOf(fromDay), toDay == null ? null : startOf(toDay.plusDays(1)));
        int current = Math.max(page, 0);
        List<AuditRecord> entries = search.find(query, current, PAGE_SIZE);
        // One entry past this page, read as a page of size one: whether a next page exists, without counting them all.
        boolean hasNext = !search.find(query, (current + 1) * PAGE_SIZE, 1).isEmpty();
        model.addAttribute("entries", entries);
        model.addAttribute("hasNext", hasNext);
        return true;
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
