package dev.parley.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoIterable;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tenancy types offer, whatever the backend; how they behave on each is in {@link StoreContract}. */
class ScopedCollectionTest {

    @Test
    void queryResultsOfferNoWayToReplaceTheFilterNorAnyDriverBuilder() {
        for (Class<?> type : List.of(ScopedCollection.class, PlatformCollection.class, Find.class, Found.class, Found.Cursor.class)) {
            for (Method method : type.getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                    continue;
                }
                assertThat(method.getName()).as(type.getSimpleName()).isNotEqualTo("filter");
                Class<?> returned = method.getReturnType();
                assertThat(MongoIterable.class.isAssignableFrom(returned) || MongoCollection.class.isAssignableFrom(returned)
                        || Iterator.class.isAssignableFrom(returned) && returned.getName().startsWith("com.mongodb"))
                        .as(type.getSimpleName() + "." + method.getName() + " returns " + returned.getName()).isFalse();
            }
        }
    }
}
