package dev.parley.store;

/**
 * Runs an expensive flush (commit + fsync) once for every caller that finished its write while
 * the previous flush was in progress: leader/follower group commit.
 *
 * <p>A caller takes a ticket after its write; the flush that starts after the ticket covers it.
 * Whoever finds no flush running becomes the leader, flushes everything requested so far and
 * wakes the followers.
 */
final class GroupSync {

    private final Runnable flush;
    private long requested;
    private long completed;
    private boolean flushing;
    private long flushes;

    GroupSync(Runnable flush) {
        this.flush = flush;
    }

    void await() {
        long ticket;
        synchronized (this) {
            ticket = ++requested;
        }
        while (true) {
            long target;
            synchronized (this) {
                while (flushing && completed < ticket) {
                    waitUninterruptibly();
                }
                if (completed >= ticket) {
                    return;
                }
                flushing = true;
                target = requested;
            }
            boolean ok = false;
            try {
                flush.run();
                ok = true;
            } finally {
                synchronized (this) {
                    flushing = false;
                    if (ok) {
                        completed = Math.max(completed, target);
                        flushes++;
                    }
                    notifyAll();
                }
            }
        }
    }

    synchronized long flushes() {
        return flushes;
    }

    private void waitUninterruptibly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a durable commit", e);
        }
    }
}
