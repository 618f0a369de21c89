package io.wadesk.agent;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams, their members and the business numbers they answer. */
@Service
public class Teams {

    private static final String TEAM = "SELECT id, name, default_capacity, signature_format, is_default FROM teams";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Agents agents;

    Teams(JdbcClient jdbc, Clock clock, Agents agents) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.agents = agents;
    }

    /** Creates a team; the first team created becomes the default one. */
    @Transactional
    public Team create(String name, int defaultCapacity, String signatureFormat) {
        if (defaultCapacity < 1 || defaultCapacity > 50) {
            throw new IllegalArgumentException("A capacity is between 1 and 50");
        }
        boolean first = jdbc.sql("SELECT count(*) FROM teams").query(Long.class).single() == 0;
        long id = jdbc.sql("INSERT INTO teams (name, default_capacity, signature_format, is_default, created_at)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(name, defaultCapacity, signatureFormat, first, Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        return find(id).orElseThrow();
    }

    @Transactional
    public void addMember(long teamId, long userId) {
        agents.ensureExists(userId);
        jdbc.sql("INSERT INTO team_members (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(teamId, userId)
                .update();
    }

    /** Conversations arriving on this business number go to this team's queue. */
    @Transactional
    public void servePhoneNumber(long teamId, String phoneNumberId) {
        jdbc.sql("INSERT INTO team_phone_numbers (phone_number_id, team_id) VALUES (?, ?)"
                        + " ON CONFLICT (phone_number_id) DO UPDATE SET team_id = EXCLUDED.team_id")
                .params(phoneNumberId, teamId)
                .update();
    }

    /** An admin's edit: name, default capacity and signature (null or blank: the team signs nothing). */
    @Transactional
    public Team update(long teamId, String name, int defaultCapacity, String signatureFormat) {
        if (defaultCapacity < 1 || defaultCapacity > 50) {
            throw new IllegalArgumentException("A capacity is between 1 and 50");
        }
        // The default applies to members without a capacity of their own: they may gain or lose BUSY, or take more.
        Map<Long, AgentView> before = agents.views(memberIds(teamId));
        jdbc.sql("UPDATE teams SET name = ?, default_capacity = ?, signature_format = ? WHERE id = ?")
                .params(name, defaultCapacity, signatureFormat, teamId)
                .update();
        agents.announceChanges(before);
        return find(teamId).orElseThrow();
    }

    /** The business numbers this team answers, replacing the previous ones (a number taken from another team moves). */
    @Transactional
    public void setPhoneNumbers(long teamId, List<String> phoneNumberIds) {
        jdbc.sql("DELETE FROM team_phone_numbers WHERE team_id = ?")
                .param(teamId)
                .update();
        phoneNumberIds.forEach(id -> servePhoneNumber(teamId, id));
    }

    @Transactional(readOnly = true)
    public List<String> phoneNumbersOf(long teamId) {
        return jdbc.sql("SELECT phone_number_id FROM team_phone_numbers WHERE team_id = ? ORDER BY phone_number_id")
                .param(teamId)
                .query(String.class)
                .list();
    }

    /** The user's teams become exactly these. */
    @Transactional
    public void setTeamsOf(long userId, Collection<Long> teamIds) {
        jdbc.sql("DELETE FROM team_members WHERE user_id = ?").param(userId).update();
        teamIds.forEach(teamId -> addMember(teamId, userId));
    }

    @Transactional(readOnly = true)
    public List<Long> memberIds(long teamId) {
        return jdbc.sql("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id")
                .param(teamId)
                .query(Long.class)
                .list();
    }

    /** The teams any of these users belongs to, in one query. */
    @Transactional(readOnly = true)
    public List<Long> teamIdsOf(Collection<Long> userIds) {
        return jdbc.sql("SELECT DISTINCT team_id FROM team_members WHERE user_id = ANY (?) ORDER BY team_id")
                .param(userIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    @Transactional(readOnly = true)
    public boolean isMember(long teamId, long userId) {
        return jdbc.sql("SELECT count(*) FROM team_members WHERE team_id = ? AND user_id = ?")
                        .params(teamId, userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The team mapped to the receiving number, else the default team. */
    @Transactional(readOnly = true)
    public Optional<Team> forPhoneNumber(String phoneNumberId) {
        return jdbc.sql(TEAM + " WHERE id = COALESCE((SELECT team_id FROM team_phone_numbers"
                        + " WHERE phone_number_id = ?), (SELECT id FROM teams WHERE is_default))")
                .param(phoneNumberId)
                .query(TEAM_MAPPER)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<Team> find(long teamId) {
        return jdbc.sql(TEAM + " WHERE id = ?").param(teamId).query(TEAM_MAPPER).optional();
    }

    @Transactional(readOnly = true)
    public List<Team> all() {
        return jdbc.sql(TEAM + " ORDER BY name").query(TEAM_MAPPER).list();
    }

    @Transactional(readOnly = true)
    public List<Team> of(long userId) {
        return jdbc.sql(TEAM + " WHERE id IN (SELECT team_id FROM team_members WHERE user_id = ?) ORDER BY name")
                .param(userId)
                .query(TEAM_MAPPER)
                .list();
    }

    private static final RowMapper<Team> TEAM_MAPPER = (rs, row) -> new Team(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getInt("default_capacity"),
            rs.getString("signature_format"),
            rs.getBoolean("is_default"));
}
