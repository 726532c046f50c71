package dev.parley.documents;

import dev.parley.InvalidInputException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentCollectionTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private DocumentCollection acme;
    private DocumentCollection other;

    @BeforeEach
    void clean() {
        acme = parley.get().tenant("acme").documents("notes");
        other = parley.get().tenant("other").documents("notes");
        acme.delete(new Document());
        other.delete(new Document());
    }

    @Test
    void insertsFindsUpdatesAndDeletes() {
        List<String> ids = acme.insertAll(List.of(
                new Document("_id", "n1").append("title", "hello").append("n", 1),
                new Document("title", "world").append("n", 2)));

        assertThat(ids).hasSize(2).first().isEqualTo("n1");
        assertThat(acme.find(null, new Document("n", -1), 10, null))
                .extracting(d -> d.getString("title")).containsExactly("world", "hello");
        assertThat(acme.find(new Document("_id", "n1"), null, null, new Document("title", 1)))
                .singleElement().satisfies(d -> {
                    assertThat(d.getString("_id")).isEqualTo("n1");
                    assertThat(d.getString("title")).isEqualTo("hello");
                    assertThat(d.containsKey("n")).isFalse();
                });

        long[] counts = acme.update(new Document("_id", "n1"), new Document("$set", new Document("title", "hi")));
        assertThat(counts).containsExactly(1, 1);
        assertThat(acme.get("n1").getString("title")).isEqualTo("hi");

        assertThat(acme.delete(new Document("n", new Document("$gte", 2)))).isEqualTo(1);
        assertThat(acme.find(new Document(), null, null, null)).hasSize(1);
        Document audited = parley.get().tenant("acme").audit().find(new Document("resource_type", "documents"), null, null, null, 1).get(0);
        assertThat(audited.getString("action")).isEqualTo("delete");
        assertThat(audited.get("changes", Document.class).get("before", Document.class).get("documents")).isEqualTo(1L);
    }

    @Test
    void idFiltersWorkWithLocalIds() {
        acme.insertAll(List.of(new Document("_id", "a"), new Document("_id", "b"), new Document("_id", "c")));

        assertThat(acme.find(new Document("_id", new Document("$in", List.of("a", "c"))), null, null, null))
                .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("a", "c");
        assertThat(acme.find(new Document("_id", new Document("$ne", "a")), null, null, null))
                .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("b", "c");
        assertThat(acme.find(new Document("$or", List.of(new Document("_id", "a"), new Document("_id", "b"))), null, null, null))
                .hasSize(2);
    }

    @Test
    void oneTenantCannotReadChangeOrDeleteAnothersDocuments() {
        other.insert(new Document("_id", "secret").append("owner", "other"));

        assertThat(acme.get("secret")).isNull();
        assertThat(acme.find(new Document("_id", "secret"), null, null, null)).isEmpty();
        assertThat(acme.find(new Document("organization_id", "other"), null, null, null)).isEmpty();
        assertThat(acme.find(new Document("owner", "other"), null, null, null)).isEmpty();
        assertThat(acme.find(new Document("_id", "other|secret"), null, null, null)).isEmpty();
        assertThat(acme.find(new Document("$or", List.of(new Document("organization_id", "other"),
                new Document("organization_id", new Document("$exists", true)))), null, null, null)).isEmpty();

        assertThat(acme.update(new Document("organization_id", "other"), new Document("$set", new Document("owner", "acme"))))
                .containsExactly(0, 0);
        assertThat(acme.update(new Document(), new Document("$set", new Document("owner", "acme")))).containsExactly(0, 0);
        assertThat(acme.delete(new Document("organization_id", "other"))).isZero();
        assertThat(acme.delete(new Document())).isZero();

        assertThat(other.get("secret").getString("owner")).isEqualTo("other");
    }

    @Test
    void aBodyCannotClaimAnotherTenantOrMoveADocument() {
        assertThatThrownBy(() -> acme.insert(new Document("organization_id", "other").append("x", 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("organization_id");
        acme.insert(new Document("_id", "mine"));
        assertThatThrownBy(() -> acme.update(new Document(), new Document("$set", new Document("organization_id", "other"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.update(new Document(), new Document("$set", new Document("_id", "x"))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(other.find(new Document(), null, null, null)).isEmpty();
    }

    @Test
    void refusesOperatorsThatRunCode() {
        for (String operator : List.of("$where", "$function", "$accumulator")) {
            Document filter = new Document("$expr", new Document(operator, "return true"));
            assertThatThrownBy(() -> acme.find(filter, null, null, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(operator);
        }
        assertThatThrownBy(() -> acme.find(new Document("$where", "1"), null, null, null))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void validatesNamesLimitsAndUpdates() {
        assertThatThrownBy(() -> parley.get().tenant("acme").documents("api_keys/../x"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.find(null, null, 0, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.find(null, null, 1001, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.update(new Document(), new Document("title", "replacement")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> acme.insert(new Document("$bad", 1))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void userCollectionsCannotReachParleysOwn() {
        parley.get().tenants().create("collide", null, null);
        DocumentCollection named = parley.get().tenant("collide").documents("api_keys");

        assertThat(named.find(new Document(), null, null, null)).isEmpty();
    }
}
