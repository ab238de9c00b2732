package dev.crossfade.local.testutils;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link WorkflowLab} test class: its harness keeps the ASL's own retry intervals instead of
 * one-second retries, for tests whose timing depends on them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AslRetryIntervals {}
