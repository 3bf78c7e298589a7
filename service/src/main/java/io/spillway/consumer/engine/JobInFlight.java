package io.spillway.consumer.engine;

import io.spillway.pipeline.Window;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * With {@code spillway.consumer.pipelined-jobs}: the job of the windows one poll closed runs on a worker thread
 * while the loop polls, parses and counts the next polls. At most one job is in flight; its windows stay first in
 * {@link UncommittedWork#pending()} (so no commit passes them) until it is settled on the loop thread, where its
 * outcome goes through {@link BackpressureRetry} exactly as a job run on the loop thread: runs recorded, a failure
 * retried with the partitions paused before anything after it runs. Where that path cannot run (a rebalance
 * callback, the end of a session) the job is still awaited, its runs recorded, and a failed one's windows
 * dropped to be read again. Loop thread only; the worker only runs {@link BackpressureRetry#attempt}.
 */
final class JobInFlight implements AutoCloseable {
    private final BackpressureRetry retry;
    private final UncommittedWork work;
    private final ExecutorService worker;
    private List<Window> windows = List.of();
    private long bytes;
    private Future<BackpressureRetry.Attempt> running;

    JobInFlight(String consumerId, BackpressureRetry retry, UncommittedWork work) {
        this.retry = retry;
        this.work = work;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "job-" + consumerId);
            t.setDaemon(true);
            return t;
        });
    }

    boolean busy() {
        return running != null;
    }

    /** The closed windows the job in flight holds (0 when none). */
    int windows() {
        return running == null ? 0 : windows.size();
    }

    /** About how much memory the job in flight holds (the window memory budget counts it). */
    long bytes() {
        return running == null ? 0 : bytes;
    }

    /**
     * The loop closed windows (the ones in {@code pending} after the job in flight's): waits for that job
     * (retrying it until it succeeds), then starts theirs.
     */
    void hand(Deque<Window> pending, long approximateBytes) throws BackpressureRetry.Abandoned {
        settle();
        List<Window> next = List.copyOf(pending);
        windows = next;
        bytes = approximateBytes;
        running = worker.submit(() -> retry.attempt(next));
    }

    /** Settles the job in flight if it has finished; never waits. */
    void settleIfDone() throws BackpressureRetry.Abandoned {
        if (running != null && running.isDone()) {
            settle();
        }
    }

    /**
     * Waits for the job in flight and hands its outcome to the retry path: a failure is retried (partitions
     * paused, backoff) before this returns. Its windows leave the pending ones once they loaded.
     */
    void settle() throws BackpressureRetry.Abandoned {
        if (running == null) {
            return;
        }
        List<Window> mine = windows;
        BackpressureRetry.Attempt made = await();
        retry.runWindows(mine, made); // Abandoned: the caller drops every pending window, these too
        removeFromPending(mine);
    }

    /**
     * Waits for the job in flight where the retry path cannot run (it polls): its runs are recorded; false if it
     * failed, and then the caller drops its windows (still pending) so their records are read again.
     */
    boolean settleWithoutRetry() {
        if (running == null) {
            return true;
        }
        List<Window> mine = windows;
        if (!retry.settleOnce(mine, await())) {
            return false;
        }
        removeFromPending(mine);
        return true;
    }

    /** The worker thread ends; call after the job was settled. */
    @Override
    public void close() {
        worker.shutdown();
    }

    private BackpressureRetry.Attempt await() {
        Future<BackpressureRetry.Attempt> future = running;
        running = null;
        windows = List.of();
        bytes = 0;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the job cannot be taken back: its outcome decides what is committed
                } catch (ExecutionException e) {
                    // attempt() catches every Exception: only an Error (out of memory, ...) gets here
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeFromPending(List<Window> done) {
        Deque<Window> pending = work.pending();
        for (Window window : done) {
            if (pending.peekFirst() == window) {
                pending.removeFirst();
            }
        }
    }
}
