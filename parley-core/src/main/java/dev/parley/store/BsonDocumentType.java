package dev.parley.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Stores the embedded server's documents as BSON in H2 pages. The stock backend Java-serialises
 * them, which profiles showed to be a third of the server's CPU (writing every changed page at
 * commit, reading every page after a cache miss) and makes the file several times larger.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private BsonDocumentType() {
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        buffer.put(encode(document));
    }

    /** The document's BSON bytes; IllegalArgumentException for a value BSON cannot hold. */
    static byte[] encode(Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            return ByteBufUtil.getBytes(bson);
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        buffer.position(buffer.position() + length);
        return StoredBson.document(Unpooled.wrappedBuffer(slice));
    }

    /** A cheap estimate of the decoded document's heap size, for H2's page cache accounting. */
    @Override
    public int getMemory(Document document) {
        return (int) Math.min(Integer.MAX_VALUE, HeapSize.of(document));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
