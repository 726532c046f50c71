package dev.parley.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops exactly one warning of the embedded server: "adding secondary index with keys … is not yet
 * implemented. ignoring", once per non-unique index at every start (46 lines). Parley accounts for
 * it: on the embedded store its queries read by key ranges it keeps itself, and real MongoDB gets
 * every index. Every other message of that logger, and of the embedded server, still comes through.
 */
public final class KnownStoreWarnings extends TurboFilter {

    static final String LOGGER = "de.bwaldvogel.mongo.backend.AbstractMongoDatabase";
    static final String SECONDARY_INDEX = "adding secondary index with keys";

    public KnownStoreWarnings() {
        setName(KnownStoreWarnings.class.getSimpleName());
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return level == Level.WARN && format != null && format.startsWith(SECONDARY_INDEX) && LOGGER.equals(logger.getName())
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
