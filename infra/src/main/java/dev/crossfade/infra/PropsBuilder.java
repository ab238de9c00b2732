package dev.crossfade.infra;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generates the builder of a construct's {@code Props} record at compile time (record-builder's annotation
 * processor): a class {@code <Construct>PropsBuilder} beside the construct, with one setter per record
 * component, returned by the record's {@code static builder()}. The record's compact constructor does all
 * the checking (required values, ranges, copies), so a {@code Props} built directly is checked just the
 * same; a default is a component's {@link RecordBuilder.Initializer} (a constant of the record), an unset
 * {@code Optional} is empty and an unset list or map is empty.
 */
@RecordBuilder.Template(options = @RecordBuilder.Options(
        useImmutableCollections = true,
        enableWither = false))
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface PropsBuilder {}
