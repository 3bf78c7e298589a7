package io.spillway.pipeline;

/**
 * Which consumer a job runs for and where it loads.
 *
 * @param consumerId the consumer's id
 * @param pipelineName the pipeline's name (label of its runs)
 * @param connectionId the registered target connection
 * @param targetTable an explicit target table name, or null to use the source table's name
 * @param schemaChanges what sync does when a source table changes shape
 */
public record JobContext(String consumerId, String pipelineName, String connectionId, String targetTable,
        SchemaChangePolicy schemaChanges) {
    public JobContext {
        schemaChanges = schemaChanges == null ? SchemaChangePolicy.DEFAULT : schemaChanges;
    }

    public JobContext(String consumerId, String pipelineName, String connectionId, String targetTable) {
        this(consumerId, pipelineName, connectionId, targetTable, null);
    }
}
