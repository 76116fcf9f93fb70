package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scratch slots are lent to one holder at a time; with every slot lent out, a holder gets a fresh array. */
class HistogramScratchTest {

    @Test
    void slotsAreLentOnceAndFreshArraysBeyondThem() {
        int[] held = new int[HistogramScratch.SLOTS];
        Set<double[]> arrays = new HashSet<>();
        for (int k = 0; k < held.length; k++) {
            held[k] = HistogramScratch.acquire();
            assertTrue(held[k] >= 0 && held[k] < HistogramScratch.SLOTS, "slot " + held[k]);
            double[] a = HistogramScratch.get(held[k]);
            assertEquals(HistogramScratch.LENGTH, a.length);
            assertTrue(arrays.add(a), "slot " + held[k] + " lent twice");
        }
        assertEquals(-1, HistogramScratch.acquire(), "all slots are lent out");
        double[] fresh = HistogramScratch.get(-1);
        assertEquals(HistogramScratch.LENGTH, fresh.length);
        assertNotSame(fresh, HistogramScratch.get(-1));
        HistogramScratch.release(held[3]);
        int again = HistogramScratch.acquire();
        assertEquals(held[3], again);
        assertSame(HistogramScratch.get(held[3]), HistogramScratch.get(again));
        for (int s : held) {
            HistogramScratch.release(s);
        }
        HistogramScratch.release(-1);  // ignored
        int first = HistogramScratch.acquire();
        assertTrue(first >= 0);
        HistogramScratch.release(first);
    }
}
