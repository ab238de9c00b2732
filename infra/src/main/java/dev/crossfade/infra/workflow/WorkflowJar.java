package dev.crossfade.infra.workflow;

/**
 * The minimized shaded jars the functions build for the workflow steps, one Maven module per group
 * of handlers that call the same AWS services ({@code functions/workflow-<group>}, whose handlers
 * live in the package {@code dev.crossfade.functions.workflow.<group>}; docs/architecture.md).
 * Which step runs from which jar is {@link WorkflowFunction#jar()}.
 */
public enum WorkflowJar {
    DATABASE("workflow-database", "workflowDatabaseJar"),
    TRAFFIC("workflow-traffic", "workflowTrafficJar"),
    CAPACITY("workflow-capacity", "workflowCapacityJar"),
    RUN("workflow-run", "workflowRunJar");

    private final String classifier;
    private final String context;

    WorkflowJar(String classifier, String context) {
        this.classifier = classifier;
        this.context = context;
    }

    /** The Maven classifier: the jar is {@code crossfade-functions-<version>-<classifier>.jar}. */
    public String classifier() {
        return classifier;
    }

    /** The Java package of the jar's handlers, e.g. {@code dev.crossfade.functions.workflow.database}. */
    public String handlerPackage() {
        return "dev.crossfade.functions.workflow." + classifier.substring("workflow-".length());
    }

    /** The CDK context key overriding the jar's path, e.g. {@code cdk synth -c workflowRunJar=FILE}. */
    public String context() {
        return context;
    }

    /** The system property overriding the jar's path, after the context key. */
    public String property() {
        return "crossfade." + context;
    }
}
