package dev.parley.imports;

import dev.parley.retention.RetainedCollection;
import dev.parley.retention.RetentionPolicy;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

/**
 * What retention will do to the messages an import stores, for the import's result. Retention
 * counts from when Parley stored a message ({@code stored_at}, see {@code messages.MessageRetention}), so
 * the messages this import stores first are kept the tenant's whole window from the import on,
 * whatever their own dates. Messages dated before that window are counted, and named in a
 * warning: they are kept longer than their date suggests, and then deleted all at once.
 */
final class ImportRetention {

    private final RetentionPolicy policy;
    private final Instant storedFrom;
    private final Instant windowStart;
    private final ZoneId zone;
    private long datedBeforeWindow;
    private Instant oldest;

    /** @param storedFrom when the import started: every message it stores first is stored at or after it */
    ImportRetention(RetentionPolicy policy, Instant storedFrom, ZoneId zone) {
        this.policy = policy;
        this.storedFrom = storedFrom;
        this.windowStart = storedFrom.minus(Duration.ofDays(days()));
        this.zone = zone;
    }

    private int days() {
        return policy.daysOf(RetainedCollection.MESSAGES);
    }

    /** A message the import stored, dated {@code createdAt} (its own time). */
    void stored(Instant createdAt) {
        if (createdAt.isBefore(windowStart)) {
            datedBeforeWindow++;
        }
        if (oldest == null || createdAt.isBefore(oldest)) {
            oldest = createdAt;
        }
    }

    /**
     * {@code {days, counted_from, expires_at, dated_before_window, oldest_created_at, legal_hold, warning?}}.
     * {@code expires_at} is when the first of these messages can go (null under a legal hold on the
     * tenant); a message stored before this import (an import run again with force) keeps its earlier
     * {@code stored_at}.
     */
    Document outcome() {
        Instant expires = storedFrom.plus(Duration.ofDays(days()));
        boolean hold = policy.tenantHold();
        Document outcome = new Document("days", days()).append("counted_from", "stored_at")
                .append("expires_at", hold ? null : Date.from(expires))
                .append("dated_before_window", datedBeforeWindow)
                .append("oldest_created_at", oldest == null ? null : Date.from(oldest))
                .append("legal_hold", hold);
        if (datedBeforeWindow > 0) {
            outcome.append("warning", datedBeforeWindow + " of these messages are dated before the tenant's " + days()
                    + "-day retention window (the oldest on " + LocalDate.ofInstant(oldest, zone) + "). Retention counts from"
                    + " when Parley stored them, so " + (hold ? "they are kept while the tenant's legal hold lasts"
                    : "they are kept until " + LocalDate.ofInstant(expires, zone) + " and then deleted") + ".");
        }
        return outcome;
    }
}
