package io.spillway.consumer.run;

/** Told of every run (each attempt of a window's job) as it is recorded: what metrics count runs by. */
public interface RunObserver {
    void recorded(RunRecord run);
}
