package dev.crossfade.cli.remote.testutils;

import dev.crossfade.cli.testutils.RepoRoot;
import dev.crossfade.emulator.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineRequest;

/**
 * A deployed-workflow stand-in: a test ASL (the real workflow's state names, Pass/Wait/Fail
 * states) created in moto as {@code <project>-prod-failover}, and a seed topology renamed to that
 * project so each test has its own state machines.
 */
public final class WorkflowInMoto {

    private static final AtomicInteger PROJECTS = new AtomicInteger();

    private WorkflowInMoto() {}

    /** The remote commands use the default credential chain; its first link is these properties. */
    public static void useTestCredentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    public static String newProject() {
        return "remote" + PROJECTS.incrementAndGet();
    }

    /** The seed topology (us-east-1 primary, eu-west-1 standby) under project {@code project}. */
    public static Path topology(Path dir, String project) {
        try {
            String seed = Files.readString(RepoRoot.path().resolve("examples/seed-active-passive.yaml"));
            Path file = dir.resolve(project + ".yaml");
            Files.writeString(file, seed.replaceFirst("(?m)^project: shop", "project: " + project));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SfnClient sfn(MotoServer moto, String region) {
        return SfnClient.builder().region(Region.of(region)).endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates {@code <project>-prod-failover} in {@code region} from a test ASL resource; returns its ARN. */
    public static String deploy(MotoServer moto, String region, String project, String asl) {
        try (SfnClient sfn = sfn(moto, region)) {
            return sfn.createStateMachine(CreateStateMachineRequest.builder().name(project + "-prod-failover")
                    .definition(resource(asl)).roleArn("arn:aws:iam::123456789012:role/" + project + "-workflow").build())
                    .stateMachineArn();
        }
    }

    /** Runs the CLI in-process, as a user would, capturing both streams. */
    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = dev.crossfade.cli.Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    public record Run(int exitCode, String out, String err) {}

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(WorkflowInMoto.class.getResourceAsStream("/dev/crossfade/cli/remote/" + name), () -> "no test ASL " + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
