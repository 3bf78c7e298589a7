package io.spillway.pipeline.trigger;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit, then the rest refused (the stream is cancelled): a webhook's answer
 * is only quoted in an error message, and an endpoint must not make a job read megabytes it never uses.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {
    private final int limit;
    private final byte[] kept;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private int size;
    private Flow.Subscription subscription;

    private BoundedBody(int limit) {
        this.limit = limit;
        this.kept = new byte[limit];
    }

    /** A handler keeping the first {@code limit} bytes of each response body. */
    static HttpResponse.BodyHandler<String> first(int limit) {
        return info -> new BoundedBody(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), limit - size);
            buffer.get(kept, size, take);
            size += take;
        }
        if (size >= limit) {
            subscription.cancel();
            complete();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        complete();
    }

    private void complete() {
        result.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
    }
}
