package io.spillway.consumer.engine;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;

/**
 * A MockConsumer whose empty poll waits, as a real one does, until a record or a poll task arrives, a wakeup
 * comes or the poll's timeout (at most 20 ms here) runs out, instead of spinning the runner's loop.
 */
class WaitingMockConsumer extends MockConsumer<byte[], byte[]> {
    private final Semaphore arrived = new Semaphore(0);

    WaitingMockConsumer() {
        super("earliest");
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
        if (records.isEmpty()) {
            try {
                arrived.tryAcquire(Math.min(timeout.toMillis(), 20), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }

    @Override
    public synchronized void addRecord(ConsumerRecord<byte[], byte[]> record) {
        super.addRecord(record);
        arrived.release();
    }

    @Override
    public synchronized void schedulePollTask(Runnable task) {
        super.schedulePollTask(task);
        arrived.release();
    }

    @Override
    public synchronized void wakeup() {
        super.wakeup();
        arrived.release();
    }
}
