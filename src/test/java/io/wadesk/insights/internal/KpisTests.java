package io.wadesk.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.Agents;
import io.wadesk.conversation.ConversationCommands;
import io.wadesk.conversation.TemplateRequest;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.support.SignIn;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The indicators against a fixture of four conversations whose figures were worked out by hand (below). The fixture
 * runs through the real commands with the test clock, on a team of its own, so other tests' data never count.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpisTests {

    private static final LocalDate DAY1 = LocalDate.parse("2026-03-02");
    private static final LocalDate DAY3 = LocalDate.parse("2026-03-04");

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationCommands commands;

    @Autowired
    Agents agents;

    @Autowired
    Kpis kpis;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @Autowired
    MockMvc mvc;

    private Instant before;
    private ConversationScenario.Desk desk;
    private long amelie;
    private long bruno;

    @BeforeAll
    void buildTheFixture() {
        before = clock.instant();
        String template = "kpi_followup_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, synced_at)"
                        + " VALUES (?, 'fr', 'UTILITY', 'APPROVED', now())")
                .param(template)
                .update();
        desk = scenario.desk(3, null);
        // Times are UTC; the indicators' days are Paris days, one hour ahead in March: every step stays on its day.
        at("2026-03-02T09:00:00Z");
        amelie = scenario.agent(desk, AgentStatus.AVAILABLE);
        bruno = scenario.agent(desk, AgentStatus.UNAVAILABLE);

        // C1, day 1: consent granted, a pause answered by the customer, closed after one hour.
        String phone1 = ConversationScenario.newPhone();
        UUID c1 = scenario.customerWrites(desk, phone1, "Bonjour"); // in 1, consent request out 1
        at("2026-03-02T09:01:00Z");
        scenario.customerWrites(desk, phone1, "oui"); // in 2: GRANTED
        at("2026-03-02T09:04:00Z");
        assertThat(commands.reply(amelie, c1, "Je regarde", null).isDone()).isTrue(); // out 2: first response 240 s
        at("2026-03-02T09:10:00Z");
        assertThat(commands.pause(amelie, c1, Duration.ofHours(1)).isDone()).isTrue(); // pause 1
        at("2026-03-02T09:30:00Z");
        scenario.customerWrites(desk, phone1, "Voilà le numéro de commande"); // in 3: resumed
        at("2026-03-02T09:40:00Z");
        assertThat(commands.reply(amelie, c1, "Merci, c'est fait", null).isDone())
                .isTrue(); // out 3
        at("2026-03-02T10:00:00Z");
        assertThat(commands.close(amelie, c1).isDone()).isTrue(); // resolution 3600 s, ARCHIVED

        // C2, day 1: consent refused, transferred from Amélie to Bruno, who closes it after one hour.
        at("2026-03-02T14:00:00Z");
        String phone2 = ConversationScenario.newPhone();
        UUID c2 = scenario.customerWrites(desk, phone2, "Bonjour"); // in 1, out 1
        at("2026-03-02T14:02:00Z");
        scenario.customerWrites(desk, phone2, "non"); // in 2: REFUSED
        at("2026-03-02T14:10:00Z");
        assertThat(commands.reply(amelie, c2, "Bonjour !", null).isDone()).isTrue(); // out 2: first response 600 s
        at("2026-03-02T14:20:00Z");
        agents.setAvailability(bruno, AgentStatus.AVAILABLE);
        assertThat(commands.transferToAgent(amelie, c2, bruno, null).isDone()).isTrue(); // transfer 1
        at("2026-03-02T14:30:00Z");
        assertThat(commands.reply(bruno, c2, "Je prends la suite", null).isDone())
                .isTrue(); // out 3
        at("2026-03-02T15:00:00Z");
        assertThat(commands.close(bruno, c2).isDone()).isTrue(); // resolution 3600 s, DESTROYED (refused)
        agents.setAvailability(bruno, AgentStatus.UNAVAILABLE);

        // C3, day 2: consent never answered; the customer is silent for more than 24 hours (one window expiry), is
        // re-engaged with a template, answers, and Amélie closes it on day 3.
        at("2026-03-03T09:00:00Z");
        String phone3 = ConversationScenario.newPhone();
        UUID c3 = scenario.customerWrites(desk, phone3, "Bonjour"); // in 1, out 1
        at("2026-03-03T09:30:00Z");
        assertThat(commands.reply(amelie, c3, "Bonjour, que puis-je faire ?", null)
                        .isDone())
                .isTrue(); // out 2: 1800 s

        // C4, day 3: opened and still open, unanswered; its window (from 09:00) is still open at the report's time.
        at("2026-03-04T09:00:00Z");
        scenario.customerWrites(desk, ConversationScenario.newPhone(), "Bonjour"); // in 1, out 1

        at("2026-03-04T10:00:00Z");
        assertThat(commands.sendTemplate(amelie, c3, new TemplateRequest(template, "fr", List.of()))
                        .isDone())
                .isTrue(); // out 3: re-engagement 1
        at("2026-03-04T11:00:00Z");
        scenario.customerWrites(desk, phone3, "Merci, c'est réglé"); // in 2: 26 h after the previous one
        at("2026-03-04T11:30:00Z");
        assertThat(commands.close(amelie, c3).isDone()).isTrue(); // resolution 26.5 h = 95400 s, DESTROYED (no answer)
        at("2026-03-04T12:00:00Z");
    }

    @AfterAll
    void restoreTheClock() {
        clock.set(before);
    }

    @Test
    void totalsMatchTheHandComputedFixture() {
        KpiReport report = kpis.report(new KpiQuery(DAY1, DAY3, desk.team().id(), null));
        KpiRow total = report.total();

        assertThat(total.conversations()).isEqualTo(4);
        assertThat(total.closed()).isEqualTo(3); // C4 is open
        // First responses 240, 600, 1800 s. Median: the middle one, 600. p90 (linear, as percentile_cont): position
        // 0.9 × (3 − 1) = 1.8, so 600 + 0.8 × (1800 − 600) = 1560.
        assertThat(total.firstResponseMedian()).isEqualTo(600.0);
        assertThat(total.firstResponseP90()).isEqualTo(1560.0);
        // Resolutions 3600, 3600, 95400 s. Median 3600; p90 = 3600 + 0.8 × (95400 − 3600) = 77040.
        assertThat(total.resolutionMedian()).isEqualTo(3600.0);
        assertThat(total.resolutionP90()).isEqualTo(77040.0);
        // In: C1 3 + C2 2 + C3 2 + C4 1 = 8. Out (each first conversation starts with the consent request):
        // C1 1 + 2 replies, C2 1 + 2 replies, C3 1 + reply + template, C4 1 = 3 + 3 + 3 + 1 = 10.
        assertThat(total.messagesIn()).isEqualTo(8);
        assertThat(total.messagesOut()).isEqualTo(10);
        assertThat(total.windowExpiries()).isEqualTo(1); // C3: 09:00 on day 2, next message 11:00 on day 3
        assertThat(total.reengagements()).isEqualTo(1);
        assertThat(total.transfers()).isEqualTo(1);
        assertThat(total.reassignments()).isZero();
        assertThat(total.pauses()).isEqualTo(1); // the re-engagement's pause is counted as a re-engagement
        assertThat(total.pauseExpiries()).isZero();
        assertThat(total.consentGranted()).isEqualTo(1);
        assertThat(total.consentRefused()).isEqualTo(1);
        assertThat(total.consentNoAnswer()).isEqualTo(1);
        assertThat(total.consentWithdrawn()).isZero();
        assertThat(total.percentOfClosed(total.consentGranted()))
                .isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void perAgentAndPerTeamCountForWhoHandledLast() {
        KpiReport report = kpis.report(new KpiQuery(DAY1, DAY3, desk.team().id(), null));

        assertThat(report.teams()).singleElement().satisfies(team -> {
            assertThat(team.key()).isEqualTo(desk.team().id());
            assertThat(team.label()).isEqualTo(desk.team().name());
            assertThat(team.conversations()).isEqualTo(4);
        });
        assertThat(report.agents()).hasSize(2);
        KpiRow amelieRow = report.agents().get(0);
        KpiRow brunoRow = report.agents().get(1);
        // Amélie: C1, C3, C4; Bruno: C2, which he received by transfer.
        assertThat(amelieRow.key()).isEqualTo(amelie);
        assertThat(amelieRow.conversations()).isEqualTo(3);
        // First responses 240 and 1800: median (240 + 1800) / 2 = 1020; p90 = 240 + 0.9 × 1560 = 1644.
        assertThat(amelieRow.firstResponseMedian()).isEqualTo(1020.0);
        assertThat(amelieRow.firstResponseP90()).isEqualTo(1644.0);
        // Resolutions 3600 and 95400: median 49500.
        assertThat(amelieRow.resolutionMedian()).isEqualTo(49500.0);
        assertThat(amelieRow.messagesIn()).isEqualTo(6); // 3 + 2 + 1
        assertThat(amelieRow.messagesOut()).isEqualTo(7); // 3 + 3 + 1
        assertThat(brunoRow.key()).isEqualTo(bruno);
        assertThat(brunoRow.conversations()).isEqualTo(1);
        assertThat(brunoRow.transfers()).isEqualTo(1);
        assertThat(brunoRow.firstResponseMedian()).isEqualTo(600.0);
        assertThat(brunoRow.consentRefused()).isEqualTo(1);

        KpiRow onlyBruno =
                kpis.report(new KpiQuery(DAY1, DAY3, desk.team().id(), bruno)).total();
        assertThat(onlyBruno.conversations()).isEqualTo(1);
        assertThat(onlyBruno.messagesOut()).isEqualTo(3);
    }

    @Test
    void theDailySeriesHasOnePointPerDayEvenWithoutConversations() {
        List<KpiDay> days = kpis.report(
                        new KpiQuery(DAY1.minusDays(1), DAY3, desk.team().id(), null))
                .days();

        assertThat(days).extracting(KpiDay::day).containsExactly(DAY1.minusDays(1), DAY1, DAY1.plusDays(1), DAY3);
        assertThat(days).extracting(KpiDay::conversations).containsExactly(0L, 2L, 1L, 1L);
        // Day 1: C1 and C2, in 3 + 2, out 3 + 3, first responses 240 and 600 (median 420).
        assertThat(days.get(1).messagesIn()).isEqualTo(5);
        assertThat(days.get(1).messagesOut()).isEqualTo(6);
        assertThat(days.get(1).firstResponseMedian()).isEqualTo(420.0);
        assertThat(days.get(3).firstResponseMedian()).isNull(); // C4 has no reply
    }

    @Test
    void theCsvExportCarriesTheSameFigures() throws Exception {
        Cookie manager = signIn(Role.MANAGER);

        String csv = mvc.perform(get("/insights/export.csv")
                        .cookie(manager)
                        .param("from", DAY1.toString())
                        .param("to", DAY3.toString())
                        .param("team", Long.toString(desk.team().id())))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(5); // header, all, the team, its two agents
        assertThat(lines.get(0)).startsWith("scope,id,name,from,to,conversations,closed,first_response_median_s");
        assertThat(Arrays.asList(lines.get(1).split(",", -1)))
                .containsExactly(
                        "all",
                        "",
                        "",
                        "2026-03-02",
                        "2026-03-04",
                        "4",
                        "3",
                        "600",
                        "1560",
                        "3600",
                        "77040",
                        "8",
                        "10",
                        "1",
                        "1",
                        "1",
                        "0",
                        "1",
                        "0",
                        "1",
                        "1",
                        "1",
                        "0");
    }

    @Test
    void theCsvHasOneLinePerTeamAndAgent() throws Exception {
        Cookie manager = signIn(Role.MANAGER);

        String csv = mvc.perform(get("/insights/export.csv")
                        .cookie(manager)
                        .param("from", DAY1.toString())
                        .param("to", DAY3.toString())
                        .param("team", Long.toString(desk.team().id())))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(csv.lines().filter(line -> line.startsWith("team,")))
                .singleElement()
                .asString()
                .startsWith("team," + desk.team().id() + ",");
        assertThat(csv.lines().filter(line -> line.startsWith("agent,")).map(line -> line.split(",")[1]))
                .containsExactlyInAnyOrder(Long.toString(amelie), Long.toString(bruno));
    }

    @Test
    void thePageShowsTheFiguresAndAWrongPeriodIsABadRequest() throws Exception {
        Cookie manager = signIn(Role.MANAGER);

        String page = mvc.perform(get("/insights")
                        .cookie(manager)
                        .param("from", DAY1.toString())
                        .param("to", DAY3.toString())
                        .param("team", Long.toString(desk.team().id())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("10 min").contains("data-chart=").contains("chart.umd.js");

        mvc.perform(get("/insights").cookie(manager).param("from", "2026-03-05").param("to", "2026-03-01"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("période valide")));
        mvc.perform(get("/insights/export.csv").cookie(manager).param("from", "yesterday"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void agentsMayNotSeeTheIndicators() throws Exception {
        Cookie agent = signIn(Role.AGENT);

        mvc.perform(get("/insights").cookie(agent)).andExpect(status().isForbidden());
        mvc.perform(get("/insights/export.csv").cookie(agent)).andExpect(status().isForbidden());
    }

    private Cookie signIn(Role role) throws Exception {
        UserAccount user = users.create(role);
        return SignIn.as(mvc, user.username(), TestUsers.PASSWORD);
    }

    private void at(String instant) {
        clock.set(Instant.parse(instant));
    }
}
