package dev.parley.server.health;

import org.springframework.stereotype.Component;
import java.util.Locale;

/**
 * Whether the start-up tasks (indexes, migrations, the bootstrap key) are done. Until they are,
 * readiness and {@code /health} say so, so that nothing is routed to a Parley that would refuse
 * the bootstrap key or query collections still without their indexes.
 */
@Component
public class StartupState {

    /** Running until done; failed when a task cannot succeed by retrying (e.g. a bootstrap key too short). */
    public enum Phase { RUNNING, DONE, FAILED }

    private volatile Phase phase = Phase.RUNNING;
    private volatile String detail = "creating indexes, applying migrations, accepting the bootstrap key";

    public Phase phase() {
        return phase;
    }

    public String detail() {
        return detail;
    }

    public void done() {
        detail = "indexes, migrations and the bootstrap key are in place";
        phase = Phase.DONE;
    }

    public void failed(String reason) {
        detail = "a start-up task failed: " + reason;
        phase = Phase.FAILED;
    }

    public String wire() {
        return phase.name().toLowerCase(Locale.ROOT);
    }
}
