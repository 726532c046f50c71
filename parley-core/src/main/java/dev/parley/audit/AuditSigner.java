package dev.parley.audit;

/** Signs audit checkpoints with a key only Parley holds (PARLEY_SECRET_KEY, or the data directory's key file). */
@FunctionalInterface
public interface AuditSigner {

    String sign(String text);
}
