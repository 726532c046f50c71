package dev.parley.store;

/** Where the data lives, for logs and the CLI: {@code embedded} or {@code external}, a sentence saying where, the database. */
public record StoreDescription(String mode, String detail, String database) {
}
