package dev.parley.operations;

/** Told after each step of a composite operation has been written (tests use it to fail there, as a crash would). */
@FunctionalInterface
public interface StepListener {

    StepListener NONE = step -> {
    };

    void completed(String step);
}
