package io.spillway.consumer;

import io.spillway.pipeline.PipelineJob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The job beans by their {@code job_type}. Two beans claiming one type stop the service at start. */
@Component
public class JobRegistry {
    private final Map<String, PipelineJob> byType = new TreeMap<>();

    @Autowired
    public JobRegistry(ObjectProvider<PipelineJob> jobs) {
        this(jobs.orderedStream().toList());
    }

    JobRegistry(List<PipelineJob> jobs) {
        for (PipelineJob job : jobs) {
            PipelineJob previous = byType.put(job.type(), job);
            if (previous != null) {
                throw new IllegalStateException("two pipeline jobs claim job_type '" + job.type() + "': "
                        + previous.getClass().getName() + " and " + job.getClass().getName());
            }
        }
    }

    public Optional<PipelineJob> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public List<String> types() {
        return List.copyOf(byType.keySet());
    }
}
