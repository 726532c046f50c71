package dev.parley.server.auth;

/** The request attribute holding a digest of the API key used (rate-limit budgets are per key, never keyed by the key itself). */
final class ApiKeyDigest {

    static final String ATTRIBUTE = "parley.api_key_digest";

    private ApiKeyDigest() {
    }
}
