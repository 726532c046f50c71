package dev.parley.server.cli;

import dev.parley.store.EmbeddedMongo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Serves a standalone embedded MongoDB-compatible server, e.g. to run the test suite against a
 * separately started server ({@code PARLEY_TEST_MONGODB_URI}).
 */
@Command(name = "embedded-mongo", description = "Run a standalone embedded MongoDB-compatible server until stopped.")
class EmbeddedMongoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "27017", description = "port on 127.0.0.1")
    int port;

    @Option(names = "--file", description = "H2 file to keep the data in (default: in memory)")
    Path file;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedMongo mongo = EmbeddedMongo.standalone(file, port);
        System.out.println("embedded MongoDB-compatible server on " + mongo.connectionString() + " (" + mongo.description() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close));
        new CountDownLatch(1).await();
        return 0;
    }
}
