package dev.parley.store;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;

import java.util.concurrent.CompletableFuture;

/**
 * Holds back the reply to an acknowledged write on one connection of the embedded server until
 * the write is on disk, without blocking the connection's event loop (which serves other
 * connections too): concurrent writers then share one flush ({@link GroupSync}).
 *
 * <p>The server's handler computes a reply and writes it to the channel at once; this handler,
 * last in the pipeline, sees that write first. Replies on one connection leave in order.
 */
final class DurableReplies extends ChannelOutboundHandlerAdapter {

    private static final AttributeKey<CompletableFuture<Void>> PENDING = AttributeKey.valueOf("parley.durable-reply");
    private static final String NAME = "parley-durable-replies";

    /** The previous held reply's release; only touched on the channel's event loop. */
    private CompletableFuture<Void> lastRelease = CompletableFuture.completedFuture(null);

    /**
     * Whether a write command's client waits for an acknowledgement it may rely on: every write
     * concern but {@code w: 0} (unacknowledged) and an explicit {@code j: false}, which in MongoDB
     * means "acknowledged in memory, journaled later" (H2 then commits within its autocommit delay).
     */
    static boolean wanted(Document command) {
        if (!(command.get("writeConcern") instanceof Document concern)) {
            return true; // the server's default is acknowledged, and Parley's acknowledgements are durable
        }
        if (concern.get("w") instanceof Number w && w.intValue() == 0) {
            return false; // no reply to hold (mongo-java-server 1.47 refuses such messages before they get here)
        }
        return !Boolean.FALSE.equals(concern.get("j")) || Boolean.TRUE.equals(concern.get("fsync"));
    }

    /** Makes the next reply written to {@code channel} wait for {@code durable}. Call on the channel's event loop. */
    static void holdNextReply(Channel channel, CompletableFuture<Void> durable) {
        if (channel.pipeline().get(NAME) == null) {
            channel.pipeline().addLast(NAME, new DurableReplies());
        }
        channel.attr(PENDING).set(durable);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object reply, ChannelPromise promise) {
        CompletableFuture<Void> durable = ctx.channel().attr(PENDING).getAndSet(null);
        if (durable == null && lastRelease.isDone()) {
            ctx.write(reply, promise);
            return;
        }
        CompletableFuture<Void> ready = durable == null ? lastRelease : CompletableFuture.allOf(lastRelease, durable);
        CompletableFuture<Void> released = new CompletableFuture<>();
        lastRelease = released;
        ready.whenComplete((ok, failure) -> ctx.executor().execute(() -> {
            if (failure == null) {
                ctx.writeAndFlush(reply, promise);
                released.complete(null);
            } else {
                // the write is applied but not durable: never acknowledge it. Closing the connection
                // tells the client its outcome is unknown, as a crashed server would.
                promise.setFailure(failure);
                released.completeExceptionally(failure);
                ctx.close();
            }
        }));
    }
}
