package io.wadesk.demo;

import io.wadesk.agent.AgentStatus;
import io.wadesk.agent.AgentView;
import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.shared.Worker;
import io.wadesk.user.DemoUsers;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.LocalTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode's first start: once the application is ready, a background thread seeds three weeks of archived
 * conversations (about twenty seconds), so that the archive, the indicators and the training library show something.
 * A marker row makes it happen once, even with several instances or after a crash half-way (then the partial data
 * stays: the demo database can be deleted to start again).
 */
@Component
@ConditionalOnBooleanProperty("wadesk.demo")
class DemoArchive {

    static final String MARKER = "archive";
    static final int DAYS = 21;
    static final String SERVICE_PHONE = "200000000000001";
    static final String SALES_PHONE = "200000000000002";
    static final String SALES_TEAM = "Ventes";

    private static final Logger log = LoggerFactory.getLogger(DemoArchive.class);

    /** More demo agents, so that the indicators compare several people; they sign in with the demo password. */
    static final List<UserAccounts.NewUser> MORE_AGENTS = DemoUsers.MORE_AGENTS;

    private final DemoArchiveSeeder seeder;
    private final DemoClock clock;
    private final UserAccounts users;
    private final Teams teams;
    private final Agents agents;
    private final ApprovedTemplates templates;
    private final LocalTemplates localTemplates;
    private final DemoUsers demoUsers;

    DemoArchive(
            DemoArchiveSeeder seeder,
            DemoClock clock,
            UserAccounts users,
            Teams teams,
            Agents agents,
            ApprovedTemplates templates,
            LocalTemplates localTemplates,
            DemoUsers demoUsers) {
        this.seeder = seeder;
        this.demoUsers = demoUsers;
        this.templates = templates;
        this.localTemplates = localTemplates;
        this.clock = clock;
        this.users = users;
        this.teams = teams;
        this.agents = agents;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedOnFirstStart() {
        // Not in a database with real users, where the demo users were not created either.
        if (!demoUsers.active() || !seeder.claim(MARKER, clock.instant())) {
            return;
        }
        Worker.once("demo-archive", this::seed);
    }

    private void seed() {
        long started = System.nanoTime();
        try {
            DemoArchiveSeeder.Cast cast = cast();
            ensureTemplates();
            LocalDate yesterday =
                    LocalDate.now(Clock.system(ZoneId.of("Europe/Paris"))).minusDays(1);
            clock.at(yesterday
                    .minusDays(DAYS)
                    .atStartOfDay(ZoneId.of("Europe/Paris"))
                    .toInstant());
            Map<Long, AgentStatus> before = makeAvailable(cast);
            DemoArchiveSeeder.Summary summary = seeder.seed(cast, yesterday, DAYS, clock);
            restore(before);
            seeder.done(MARKER, Instant.now(clock));
            log.info(
                    "Demo archive: {} conversations over {} days and {} training examples seeded in {} ms",
                    summary.conversations(),
                    DAYS,
                    summary.examples(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (RuntimeException ex) {
            log.warn("Demo archive: seeding stopped half-way; delete the demo data directory to seed again", ex);
        } finally {
            clock.release();
        }
    }

    /** Every agent of the cast AVAILABLE while seeding; returns their statuses before. */
    private Map<Long, AgentStatus> makeAvailable(DemoArchiveSeeder.Cast cast) {
        Map<Long, AgentStatus> before = new HashMap<>();
        List<Long> everyone = java.util.stream.Stream.concat(cast.serviceAgents().stream(), cast.salesAgents().stream())
                .distinct()
                .toList();
        for (long agent : everyone) {
            before.put(agent, agents.find(agent).map(AgentView::status).orElse(AgentStatus.UNAVAILABLE));
            agents.setAvailability(agent, AgentStatus.AVAILABLE);
        }
        return before;
    }

    /** The unavailable agents back to unavailable; the others stay available. */
    private void restore(Map<Long, AgentStatus> before) {
        before.forEach((agent, status) -> agents.setAvailability(
                agent, status == AgentStatus.UNAVAILABLE ? AgentStatus.UNAVAILABLE : AgentStatus.AVAILABLE));
    }

    /**
     * Re-engagements need an approved template. The simulator's fake Graph API has no template list to sync from, so
     * when none was synced the demo records the two a real account would have had approved (FR and EN), as a sync
     * would write them.
     */
    private void ensureTemplates() {
        if (!templates.list().isEmpty()) {
            return;
        }
        for (String[] template : List.of(
                new String[] {"fr", "Bonjour {{1}}, souhaitez-vous poursuivre notre échange ? Répondez à ce message."},
                new String[] {"en", "Hello {{1}}, would you like to carry on our conversation? Just reply here."})) {
            localTemplates.recordApproved("demo_reprise", template[0], "UTILITY", template[1]);
        }
    }

    /** The demo users and team, plus a sales team and two more agents; each business number has its team. */
    private DemoArchiveSeeder.Cast cast() {
        MORE_AGENTS.stream()
                .filter(user -> users.find(user.username()).isEmpty())
                .forEach(users::create);
        long agent1 = id("agent1");
        long agent2 = id("agent2");
        long agent3 = id("agent3");
        long agent4 = id("agent4");
        Team service = serviceTeam();
        Team sales = salesTeam();
        addMembers(service, List.of(agent1, agent2, agent3));
        addMembers(sales, List.of(agent2, agent4));
        teams.servePhoneNumber(service.id(), SERVICE_PHONE);
        teams.servePhoneNumber(sales.id(), SALES_PHONE);
        UserAccount manager = users.find("manager").orElseThrow();
        return new DemoArchiveSeeder.Cast(
                service.id(),
                SERVICE_PHONE,
                List.of(agent1, agent3, agent2),
                sales.id(),
                SALES_PHONE,
                List.of(agent4, agent2),
                manager.id(),
                manager.username(),
                "3360000");
    }

    /** The default team (or the first one) serves the service number. */
    private Team serviceTeam() {
        return teams.all().stream()
                .filter(Team::isDefault)
                .findFirst()
                .orElseGet(() -> teams.all().stream().findFirst().orElseThrow());
    }

    private Team salesTeam() {
        return teams.all().stream()
                .filter(team -> team.name().equalsIgnoreCase(SALES_TEAM))
                .findFirst()
                .orElseGet(() -> teams.create(SALES_TEAM, 3, "{firstName}, votre conseiller {brand}"));
    }

    private void addMembers(Team team, List<Long> members) {
        for (long agent : members) {
            if (!teams.isMember(team.id(), agent)) {
                teams.addMember(team.id(), agent);
            }
        }
    }

    private long id(String username) {
        return users.find(username).map(UserAccount::id).orElseThrow();
    }
}
