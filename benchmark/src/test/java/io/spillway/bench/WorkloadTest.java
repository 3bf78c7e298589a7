package io.spillway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void mixIsAboutSixtyThirtyTen() {
        Workload workload = new Workload(7, 1000);
        long inserts = 0;
        long updates = 0;
        long deletes = 0;
        for (int i = 0; i < 400; i++) {
            Workload.Batch batch = workload.next(500);
            assertThat(batch.size()).isEqualTo(500);
            inserts += batch.inserts().size();
            updates += batch.updates().size();
            deletes += batch.deletes().size();
        }
        double total = inserts + updates + deletes;
        assertThat(inserts / total).isBetween(0.58, 0.62);
        assertThat(updates / total).isBetween(0.28, 0.32);
        assertThat(deletes / total).isBetween(0.09, 0.11);
        assertThat(workload.liveRows()).isEqualTo(inserts - deletes);
    }

    @Test
    void updatesAndDeletesOnlyTouchRowsCommittedByEarlierBatches() {
        Workload workload = new Workload(11, 100);
        Set<Long> live = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Workload.Batch batch = workload.next(300);
            for (long id : batch.updates()) {
                assertThat(live).as("update of row %d", id).contains(id);
            }
            for (long id : batch.deletes()) {
                assertThat(live.remove(id)).as("delete of row %d", id).isTrue();
            }
            for (long id : batch.inserts()) {
                assertThat(live.add(id)).as("insert of a new id %d", id).isTrue();
            }
        }
    }

    @Test
    void updatesHitRecentlyInsertedRows() {
        Workload workload = new Workload(3, 1000);
        long maxId = 0;
        long recentHits = 0;
        long updates = 0;
        for (int i = 0; i < 200; i++) {
            Workload.Batch batch = workload.next(500);
            for (long id : batch.updates()) {
                updates++;
                if (id > maxId - 1000) {
                    recentHits++;
                }
            }
            for (long id : batch.inserts()) {
                maxId = Math.max(maxId, id);
            }
        }
        assertThat((double) recentHits / updates).isGreaterThan(0.95);
    }

    @Test
    void firstBatchCanOnlyInsert() {
        Workload.Batch first = new Workload(1, 10).next(50);
        assertThat(first.inserts()).hasSize(50);
        assertThat(first.updates()).isEmpty();
        assertThat(first.deletes()).isEmpty();
    }

    @Test
    void sameSeedSameChanges() {
        Workload a = new Workload(99, 500);
        Workload b = new Workload(99, 500);
        for (int i = 0; i < 20; i++) {
            assertThat(a.next(250)).isEqualTo(b.next(250));
        }
    }
}
