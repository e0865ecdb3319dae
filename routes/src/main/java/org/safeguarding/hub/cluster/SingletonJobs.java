package org.safeguarding.hub.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

import java.util.ConcurrentModificationException;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Jobs that one node at a time runs (the timeliness sweep, scorecard publishing): each run takes the
 * job's row of the JDBC lock ({@code int_lock}, shared by every node) or is skipped. The lock lasts
 * {@code hub.escalation.lock-ttl} unreleased; a run that outlasts it (a long pause of its node) may
 * have overlapped another node's run, which the database's constraints keep harmless, and its release
 * then fails: that is logged, not thrown, as the run's own work is done (README, Several nodes).
 */
public final class SingletonJobs {

    private static final Logger log = LoggerFactory.getLogger(SingletonJobs.class);

    private final JdbcLockRegistry locks;

    public SingletonJobs(JdbcLockRegistry locks) {
        this.locks = locks;
    }

    /** Runs {@code work} if this node gets the job's lock; empty when another node holds it. */
    public <T> Optional<T> runAlone(String job, Supplier<T> work) {
        Lock lock = locks.obtain(job);
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            try {
                lock.unlock();
            } catch (ConcurrentModificationException expired) {
                log.warn("Job {} ran longer than its lock lasts (hub.escalation.lock-ttl); another node may have run it "
                        + "meanwhile, and the database kept the results single", job);
            }
        }
    }
}
