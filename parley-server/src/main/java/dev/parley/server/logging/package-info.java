/**
 * Log filtering: {@link KnownStoreWarnings} drops exactly the embedded server's "secondary index
 * is not yet implemented" warning (Parley serves those queries by key ranges of its own), and
 * {@link KnownStoreWarningsInstaller} adds it to logback after Spring Boot configures it. Every
 * other message comes through.
 * <p>Uses: no other Parley package.
 */
package dev.parley.server.logging;
