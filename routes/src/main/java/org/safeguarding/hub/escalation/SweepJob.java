package org.safeguarding.hub.escalation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.cluster.SingletonJobs;
import org.safeguarding.hub.mash.MashDesk;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * One sweep on whichever node holds the JDBC lock (INT_LOCK, {@link SingletonJobs}); the others skip this round. Also
 * applies decisions held for contacts that have now arrived (late data).
 */
@Component
public class SweepJob {

    private static final Logger log = LoggerFactory.getLogger(SweepJob.class);
    private static final Actor SYSTEM = new Actor(TimelinessSweep.SWEEPER, null, "system", null);

    private final SingletonJobs jobs;
    private final TimelinessSweep sweep;
    private final MashDesk desk;

    SweepJob(SingletonJobs jobs, TimelinessSweep sweep, MashDesk desk) {
        this.jobs = jobs;
        this.sweep = sweep;
        this.desk = desk;
    }

    /** Runs the sweep if this node gets the lock; empty when another node is sweeping. */
    public Optional<TimelinessSweep.Result> runOnce() {
        return jobs.runAlone("timeliness-sweep", () -> {
            int applied = desk.applyHeldDecisions(SYSTEM);
            TimelinessSweep.Result result = sweep.sweep();
            if (applied + result.raised() + result.moved() + result.completed() > 0) {
                log.info("Sweep: {} held decisions applied, {} escalations raised, {} moved on, {} completed",
                        applied, result.raised(), result.moved(), result.completed());
            }
            return result;
        });
    }
}
