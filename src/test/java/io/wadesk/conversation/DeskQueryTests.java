package io.wadesk.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.agent.AgentStatus;
import io.wadesk.conversation.internal.PauseExpiry;
import io.wadesk.support.ConversationScenario;
import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The desk's list query: what comes back as a pause ends, and the queue of the agent's teams. */
@IntegrationTest
class DeskQueryTests {

    @Autowired
    ConversationScenario scenario;

    @Autowired
    ConversationQueries queries;

    @Autowired
    ConversationCommands commands;

    @Autowired
    ConversationReads reads;

    @Autowired
    PauseExpiry pauses;

    @Autowired
    MutableClock clock;

    @Test
    void aPauseThatEndsWithoutAnAnswerComesBackActiveAndFlagged() {
        ConversationScenario.Desk desk = scenario.desk(3, null);
        long agent = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        assertThat(commands.pause(agent, conversation, null).isDone()).isTrue();
        assertThat(queries.desk(agent))
                .singleElement()
                .satisfies(item -> assertThat(item.status()).isEqualTo(ConversationStatus.PAUSED))
                .satisfies(item -> assertThat(item.pauseExpired()).isFalse());

        clock.advance(Duration.ofHours(3).plusMinutes(1));
        pauses.expireDue(1_000);

        assertThat(queries.desk(agent))
                .singleElement()
                .satisfies(item -> assertThat(item.status()).isEqualTo(ConversationStatus.ASSIGNED))
                .satisfies(item -> assertThat(item.pauseExpired()).isTrue());
    }

    @Test
    void unreadIsPerAgentSoATransferredConversationIsUnreadForItsNewOwner() {
        ConversationScenario.Desk desk = scenario.desk(3, null);
        long first = scenario.agent(desk, AgentStatus.AVAILABLE);
        UUID conversation = scenario.newCustomerWrites(desk);
        clock.advance(Duration.ofSeconds(5));
        reads.markRead(first, conversation);
        assertThat(queries.desk(first))
                .singleElement()
                .extracting(DeskConversation::unread)
                .isEqualTo(0);
        long second = scenario.agent(desk, AgentStatus.AVAILABLE);

        assertThat(commands.transferToAgent(first, conversation, second, null).isDone())
                .isTrue();

        assertThat(queries.desk(first)).isEmpty();
        assertThat(queries.desk(second))
                .singleElement()
                .extracting(DeskConversation::unread)
                .isEqualTo(1);
    }

    @Test
    void theQueueCountsWaitingConversationsOfEveryTeamOfTheAgent() {
        ConversationScenario.Desk one = scenario.desk(1, null);
        ConversationScenario.Desk two = scenario.desk(1, null);
        long agent = scenario.agent(one, AgentStatus.UNAVAILABLE);
        scenario.agent(two, AgentStatus.UNAVAILABLE);
        scenario.newCustomerWrites(one);
        scenario.newCustomerWrites(two);
        scenario.newCustomerWrites(scenario.desk(1, null));

        assertThat(queries.queueLengthFor(agent)).isEqualTo(1);
    }
}
