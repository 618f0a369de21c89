package io.wadesk.routing;

import io.wadesk.agent.AgentSlots;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.ConversationQueue;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives waiting conversations to agents who have a free slot. Routing takes an agent's slot with {@code SKIP LOCKED},
 * so that two instances never wait on each other; a conversation that arrives while another transaction holds the
 * row of every free agent of its team (the other instance's batch, a colleague closing a conversation) finds nobody
 * and waits. A freed slot or an agent turning available pulls waiting conversations, but an agent who was only locked,
 * not busy, does neither: without this sweep the conversation would wait until that agent next closes one.
 */
@Component
class QueueSweep {

    private final ConversationQueue queue;
    private final AgentSlots slots;
    private final Teams teams;
    private final Routing routing;

    QueueSweep(ConversationQueue queue, AgentSlots slots, Teams teams, Routing routing) {
        this.queue = queue;
        this.slots = slots;
        this.teams = teams;
        this.routing = routing;
    }

    // The property keeps its name under wadesk.conversation: existing configurations still apply.
    @Scheduled(fixedDelayString = "${wadesk.conversation.queue-sweep-interval:PT5S}")
    // Held for the interval: the other instance's trigger, due within it, finds the lock and skips that period.
    @SchedulerLock(
            name = "queue-sweep",
            lockAtMostFor = "PT5M",
            lockAtLeastFor = "${wadesk.conversation.queue-sweep-interval:PT5S}")
    public void run() {
        sweep();
    }

    /**
     * Offers each conversation waiting for a free agent (of its team, or the one it is kept for), oldest first, to
     * routing, one transaction each; returns how many were assigned.
     */
    public int sweep() {
        List<Long> free = slots.withFreeSlots();
        if (free.isEmpty()) {
            return 0;
        }
        List<UUID> waiting = queue.waitingFor(free, teams.teamIdsOf(free), 500);
        int assigned = 0;
        for (UUID conversation : waiting) {
            if (routing.assignIfSomeoneIsFree(conversation)) {
                assigned++;
            }
        }
        return assigned;
    }
}
