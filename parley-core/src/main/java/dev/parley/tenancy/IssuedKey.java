package dev.parley.tenancy;

/** A freshly created API key: the only moment the plain key is known to Parley. */
public record IssuedKey(String organizationId, String apiKey) {
}
