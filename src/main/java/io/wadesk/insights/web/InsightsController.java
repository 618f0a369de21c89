package io.wadesk.insights.web;

import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.insights.internal.InsightsProperties;
import io.wadesk.insights.internal.KpiDay;
import io.wadesk.insights.internal.KpiQuery;
import io.wadesk.insights.internal.KpiReport;
import io.wadesk.insights.internal.Kpis;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The indicators page (managers): a period (the last 28 days unless chosen), optionally one team or one agent; the
 * daily charts, the totals, one line per team and per agent; the same as CSV. A wrong period is answered 400 with
 * the form and its error.
 */
@NoTranscriptContent("indicators: counts and durations")
@Controller
class InsightsController {

    static final int DEFAULT_DAYS = 28;

    private final Kpis kpis;
    private final Teams teams;
    private final Agents agents;
    private final UserAccounts users;
    private final InsightsProperties properties;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;

    InsightsController(
            Kpis kpis,
            Teams teams,
            Agents agents,
            UserAccounts users,
            InsightsProperties properties,
            MessageSource messages,
            JsonMapper json,
            Clock clock) {
        this.kpis = kpis;
        this.teams = teams;
        this.agents = agents;
        this.users = users;
        this.properties = properties;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /** A team or agent for the filters. */
    record Choice(long id, String name) {}

    @GetMapping("/insights")
    String page(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long team,
            @RequestParam(required = false) Long agent,
            Model model,
            Locale locale,
            jakarta.servlet.http.HttpServletResponse response) {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        model.addAttribute("teams", teamChoices());
        model.addAttribute("agents", agentChoices());
        model.addAttribute("team", team);
        model.addAttribute("agent", agent);
        model.addAttribute(
                "from", from == null ? today.minusDays(DEFAULT_DAYS - 1).toString() : from);
        model.addAttribute("to", to == null ? today.toString() : to);
        Optional<KpiQuery> query = query(from, to, team, agent, today);
        if (query.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("periodError", messages.getMessage("insights.period.invalid", null, locale));
            return "insights/index";
        }
        KpiReport report = kpis.report(query.get());
        model.addAttribute("report", report);
        model.addAttribute("chart", json.writeValueAsString(chart(report, locale)));
        return "insights/index";
    }

    @GetMapping(value = "/insights/export.csv")
    ResponseEntity<byte[]> csv(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long team,
            @RequestParam(required = false) Long agent,
            Locale locale) {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        Optional<KpiQuery> query = query(from, to, team, agent, today);
        if (query.isEmpty()) {
            return ResponseEntity.badRequest()
                    .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(messages.getMessage("insights.period.invalid", null, locale)
                            .getBytes(StandardCharsets.UTF_8));
        }
        KpiReport report = kpis.report(query.get());
        String body = KpiCsv.of(report);
        String filename = "wadesk-indicators-" + report.query().from() + "-"
                + report.query().to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<KpiQuery> query(String from, String to, Long team, Long agent, LocalDate today) {
        try {
            LocalDate last = to == null || to.isBlank() ? today : LocalDate.parse(to);
            LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : LocalDate.parse(from);
            return Optional.of(new KpiQuery(first, last, team, agent));
        } catch (DateTimeParseException | IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /** What insights.js draws: labels and series, already named in the reader's language. */
    private Map<String, Object> chart(KpiReport report, Locale locale) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put(
                "labels",
                report.days().stream().map(day -> day.day().toString()).toList());
        chart.put(
                "conversations",
                report.days().stream().map(KpiDay::conversations).toList());
        chart.put("messagesIn", report.days().stream().map(KpiDay::messagesIn).toList());
        chart.put("messagesOut", report.days().stream().map(KpiDay::messagesOut).toList());
        chart.put(
                "firstResponseMinutes",
                report.days().stream()
                        .map(day -> day.firstResponseMedian() == null
                                ? null
                                : Math.round(day.firstResponseMedian() / 6.0) / 10.0)
                        .toList());
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : List.of("conversations", "messagesIn", "messagesOut", "firstResponseMinutes")) {
            names.put(key, messages.getMessage("insights.chart." + key, null, locale));
        }
        chart.put("names", names);
        return chart;
    }

    private List<Choice> teamChoices() {
        return teams.all().stream()
                .sorted(Comparator.comparing(Team::name))
                .map(team -> new Choice(team.id(), team.name()))
                .toList();
    }

    private List<Choice> agentChoices() {
        return agents.all().stream()
                .map(AgentView::userId)
                .map(users::find)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(UserAccount::displayName))
                .map(user -> new Choice(user.id(), user.displayName()))
                .toList();
    }
}
