package io.wadesk.insights.web;

import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.insights.internal.InsightsProperties;
import io.wadesk.insights.internal.KpiQuery;
import io.wadesk.insights.internal.KpiReport;
import io.wadesk.insights.internal.Kpis;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
import org.springframework.web.bind.annotation.ModelAttribute;
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

    /**
     * The period and filters of the indicators, as typed: no day means the last {@link #DEFAULT_DAYS} days up to
     * today; a day that does not parse, or a period {@link KpiQuery} refuses, gives no query.
     */
    record Period(String from, String to, Long team, Long agent) {

        Optional<KpiQuery> query(LocalDate today) {
            try {
                LocalDate last = to == null || to.isBlank() ? today : LocalDate.parse(to);
                LocalDate first =
                        from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : LocalDate.parse(from);
                return Optional.of(new KpiQuery(first, last, team, agent));
            } catch (DateTimeParseException | IllegalArgumentException ex) {
                return Optional.empty();
            }
        }
    }

    @GetMapping("/insights")
    String page(@ModelAttribute Period period, Model model, Locale locale, HttpServletResponse response) {
        LocalDate today = today();
        addFilters(period, today, model);
        Optional<KpiQuery> query = period.query(today);
        if (query.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("periodError", messages.getMessage("insights.period.invalid", null, locale));
            return "insights/index";
        }
        KpiReport report = kpis.report(query.get());
        model.addAttribute("report", report);
        model.addAttribute("chart", json.writeValueAsString(KpiChart.of(report, messages, locale)));
        return "insights/index";
    }

    @GetMapping(value = "/insights/export.csv")
    ResponseEntity<byte[]> csv(@ModelAttribute Period period, Locale locale) {
        Optional<KpiQuery> query = period.query(today());
        if (query.isEmpty()) {
            return ResponseEntity.badRequest()
                    .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(messages.getMessage("insights.period.invalid", null, locale)
                            .getBytes(StandardCharsets.UTF_8));
        }
        KpiReport report = kpis.report(query.get());
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
                .body(KpiCsv.of(report).getBytes(StandardCharsets.UTF_8));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(properties.zone()));
    }

    /** The filters' choices and values as shown: the default period when none was given. */
    private void addFilters(Period period, LocalDate today, Model model) {
        model.addAttribute("teams", teamChoices());
        model.addAttribute("agents", agentChoices());
        model.addAttribute("team", period.team());
        model.addAttribute("agent", period.agent());
        model.addAttribute(
                "from",
                period.from() == null ? today.minusDays(DEFAULT_DAYS - 1).toString() : period.from());
        model.addAttribute("to", period.to() == null ? today.toString() : period.to());
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
