package dev.derive.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.persist.ModelRegistry;
import org.junit.jupiter.api.Test;

class LearnerRegistryTest {

    @Test
    void learnersAreRegisteredByNameAndTask() {
        assertEquals("ridge", LearnerRegistry.create("ridge", Dataset.Task.REGRESSION).name());
        assertEquals(Dataset.Task.CLASSIFICATION, LearnerRegistry.create("knn", Dataset.Task.CLASSIFICATION).task());
        assertEquals(Dataset.Task.REGRESSION, LearnerRegistry.create("knn", Dataset.Task.REGRESSION).task());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearnerRegistry.create("rdige", Dataset.Task.REGRESSION));
        assertTrue(e.getMessage().contains("did you mean ridge"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LearnerRegistry.create("ridge", Dataset.Task.CLASSIFICATION));
        assertTrue(e.getMessage().contains("does regression, not classification")
                && e.getMessage().contains("pick a classifier"), e.getMessage());
    }

    @Test
    void everyRegisteredLearnersModelsCanBeSaved() {
        for (String kind : new String[] {"ols", "ridge", "knn.classifier", "knn.regressor"}) {
            assertTrue(ModelRegistry.kinds().contains(kind), kind + " has a codec: " + ModelRegistry.kinds());
        }
    }
}
