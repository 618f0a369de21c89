package io.wadesk.admin.internal;

import io.wadesk.agent.DefaultCapacity;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.conversation.ConversationRules;
import io.wadesk.conversation.Signature;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/** The teams screen's use cases: create and edit a team (name, default capacity, signature, business numbers). */
@Service
public class TeamAdministration {

    private final Teams teams;
    private final UserAccounts accounts;
    private final DefaultCapacity routing;
    private final ConversationRules rules;
    private final AuditLog audit;

    TeamAdministration(
            Teams teams, UserAccounts accounts, DefaultCapacity routing, ConversationRules rules, AuditLog audit) {
        this.teams = teams;
        this.accounts = accounts;
        this.routing = routing;
        this.rules = rules;
        this.audit = audit;
    }

    public record TeamRow(Team team, List<String> phoneNumberIds, int members) {}

    public List<TeamRow> rows() {
        return teams.all().stream()
                .map(team -> new TeamRow(
                        team,
                        teams.phoneNumbersOf(team.id()),
                        teams.memberIds(team.id()).size()))
                .toList();
    }

    public int globalCapacity() {
        return routing.defaultCapacity();
    }

    /** A new team's form: the global default capacity. */
    public TeamForm newForm() {
        return new TeamForm("", Integer.toString(routing.defaultCapacity()), "", "");
    }

    /** The team as its form first shows it. */
    public TeamForm form(Team team) {
        return new TeamForm(
                team.name(),
                Integer.toString(team.defaultCapacity()),
                team.signatureFormat() == null ? "" : team.signatureFormat(),
                String.join(", ", teams.phoneNumbersOf(team.id())));
    }

    public List<String> memberNames(long id) {
        return teams.memberIds(id).stream()
                .map(accounts::find)
                .flatMap(Optional::stream)
                .map(UserAccount::displayName)
                .toList();
    }

    /** How the team's signature reads under a message. */
    public String signaturePreview(Team team) {
        return new Signature(team.signatureFormat()).render("Amélie", rules.brand());
    }

    /** Adds the name's error when another team has it, whatever its case ({@code id}: the team edited, if any). */
    public void checkNameFree(TeamForm form, Long id, Errors errors) {
        boolean taken = teams.all().stream()
                .anyMatch(team -> team.name().equalsIgnoreCase(form.name()) && (id == null || team.id() != id));
        if (taken && !form.name().isEmpty()) {
            errors.rejectValue("name", "taken", "adminconf.teams.error.taken");
        }
    }

    @Transactional
    public Team create(SignedInUser admin, TeamForm form) {
        Team team = teams.create(form.name(), form.defaultCapacity(), form.signatureOrNull());
        teams.setPhoneNumbers(team.id(), form.numbers());
        audit.record(AuditEntry.of(admin.getUsername(), "admin.team.created", "team", team.id())
                .with("name", team.name())
                .with("capacity", team.defaultCapacity())
                .with("signature", form.signature())
                .with("phoneNumberIds", form.numbers()));
        return team;
    }

    @Transactional
    public void update(SignedInUser admin, Team before, TeamForm form) {
        long id = before.id();
        List<String> numbersBefore = teams.phoneNumbersOf(id);
        Team after = teams.update(id, form.name(), form.defaultCapacity(), form.signatureOrNull());
        teams.setPhoneNumbers(id, form.numbers());
        Changes changes = Changes.of(AuditEntry.of(admin.getUsername(), "admin.team.changed", "team", id))
                .add("name", before.name(), after.name())
                .add("capacity", before.defaultCapacity(), after.defaultCapacity())
                .add("signature", before.signatureFormat(), after.signatureFormat())
                .add("phoneNumberIds", numbersBefore, teams.phoneNumbersOf(id));
        if (changes.any()) {
            audit.record(changes.entry());
        }
    }
}
