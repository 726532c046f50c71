package dev.parley.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The embedded server's door: a connection reads or writes nothing until it has authenticated
 * with SCRAM-SHA-256 as the store's user, as a real MongoDB started with access control behaves
 * (error 13, Unauthorized). mongo-java-server has no authentication of its own; without this,
 * any local process could connect to the loopback port and read every tenant's data.
 */
final class AuthenticatingBackend extends ForwardingBackend {

    /** What a client may send before it has authenticated: the handshake and the authentication itself. */
    private static final Set<String> BEFORE_AUTHENTICATION = Set.of("hello", "ismaster", "isMaster", "saslStart",
            "saslContinue", "ping", "buildInfo", "buildinfo", "endSessions");
    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;

    private final ScramSha256 scram;
    private final Set<Channel> authenticated = ConcurrentHashMap.newKeySet();
    private final Map<Channel, ScramSha256.Exchange> exchanges = new ConcurrentHashMap<>();

    AuthenticatingBackend(MongoBackend delegate, StoreCredentials credentials) {
        super(delegate);
        this.scram = new ScramSha256(credentials.user(), credentials.password());
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document command = message.getDocument();
        String name = command == null || command.isEmpty() ? "" : command.keySet().iterator().next();
        Document own = answer(message.getChannel(), name, command);
        if (own != null) {
            return own;
        }
        return withMechanisms(command, delegate.handleMessage(message));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document own = answer(channel, command, query);
        if (own != null) {
            return own;
        }
        return withMechanisms(query, delegate.handleCommand(channel, database, command, query));
    }

    /** Authentication answered here; anything else refused until the channel has authenticated; null: the delegate's. */
    private Document answer(Channel channel, String name, Document command) {
        switch (name) {
            case "saslStart" -> {
                if (!ScramSha256.MECHANISM.equals(command.get("mechanism"))) {
                    throw new MongoServerError(2, "BadValue", "only " + ScramSha256.MECHANISM + " is supported");
                }
                ScramSha256.Exchange exchange = scram.exchange();
                byte[] reply = step(() -> exchange.first(payload(command)));
                exchanges.put(channel, exchange);
                return sasl(reply, false);
            }
            case "saslContinue" -> {
                ScramSha256.Exchange exchange = exchanges.remove(channel);
                if (exchange == null) {
                    throw new MongoServerError(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
                }
                byte[] reply = step(() -> exchange.last(payload(command)));
                authenticated.add(channel);
                return sasl(reply, true);
            }
            default -> {
                if (!BEFORE_AUTHENTICATION.contains(name)) {
                    requireAuthenticated(channel, name);
                }
                return null;
            }
        }
    }

    private void requireAuthenticated(Channel channel, String what) {
        if (channel == null || !authenticated.contains(channel)) {
            throw new MongoServerError(UNAUTHORIZED, "Unauthorized", "command " + what + " requires authentication");
        }
    }

    /** A client that asks which mechanisms its user has ({@code saslSupportedMechs}) picks SCRAM-SHA-256. */
    private static Document withMechanisms(Document request, Document reply) {
        if (request != null && request.containsKey("saslSupportedMechs") && reply != null) {
            reply.put("saslSupportedMechs", List.of(ScramSha256.MECHANISM));
        }
        return reply;
    }

    private static byte[] step(Supplier<byte[]> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            // as MongoDB: one answer for every reason, so a prober learns nothing
            throw new MongoServerError(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
        }
    }

    private static byte[] payload(Document command) {
        Object payload = command.get("payload");
        if (payload instanceof BinData binary) {
            return binary.getData();
        }
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new MongoServerError(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
    }

    private static Document sasl(byte[] payload, boolean done) {
        Document reply = new Document("conversationId", 1).append("done", done).append("payload", new BinData(payload));
        reply.put("ok", 1.0);
        return reply;
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        requireAuthenticated(query.getChannel(), "query");
        return delegate.handleQuery(query);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        requireAuthenticated(query.getChannel(), "currentOp");
        return delegate.getCurrentOperations(query);
    }

    @Override
    public void handleClose(Channel channel) {
        authenticated.remove(channel);
        exchanges.remove(channel);
        delegate.handleClose(channel);
    }
}
