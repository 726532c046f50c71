package dev.parley.migrations;

import dev.parley.store.MongoStore;

/**
 * One versioned change to stored data, run once per database in {@code id} order. {@code up}
 * must be idempotent: a run cut short (a crash, a lost lease) is run again from the start.
 */
public interface Migration {

    /** Sortable and never reused, e.g. {@code 0001-conversations-contact-id}. */
    String id();

    String description();

    /** Applies the change; returns how many documents it changed. */
    long up(MongoStore store);
}
