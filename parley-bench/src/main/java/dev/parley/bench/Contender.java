package dev.parley.bench;

/** One way of doing a scenario's work (Parley's, or a baseline), holding its own store open. */
public interface Contender extends AutoCloseable {

    /** Short name for progress lines. */
    String label();

    /** Writes (or reads) {@code ops} documents and returns once all of them are done. */
    Throughput run(int ops) throws Exception;

    @Override
    void close() throws Exception;
}
