package dev.crossfade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.deploy.DeployPlan;
import dev.crossfade.cli.deploy.StackState;
import dev.crossfade.cli.remote.Confirmer;
import dev.crossfade.infra.DetectorJar;
import dev.crossfade.topology.Topology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Deploys every stack with the project's pinned CDK CLI, in the passes the topology needs (README "Deploy"). */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploys every stack of the topology with the pinned CDK CLI (node_modules/.bin/cdk, from `npm ci`),",
                "in the passes it needs: the replication bootstrap of active-active S3 on a first deployment, every stack,",
                "then the regional stacks again with the accelerator's ARN. --dry-run prints the exact commands and calls nothing.",
                "Exit codes: 0 deployed (or printed); 2 bad input; 3 not confirmed; 1 a CDK command failed."})
final class DeployCommand extends AccountCommand {

    @Option(names = "--dry-run", description = "Print the stacks, their order and the exact CDK commands; call nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation (CDK's --require-approval never).")
    boolean yes;

    @Option(names = "--cdk", paramLabel = "PATH", description = "The CDK CLI to run (default: node_modules/.bin/cdk under the repository).")
    Path cdk;

    @Override
    int run(Topology t, PrintWriter out) throws IOException, InterruptedException {
        TopologyOption.printWarnings(t, out);
        Path root = DetectorJar.repoRoot();
        Path cli = cdk != null ? cdk : root.resolve("node_modules/.bin/cdk");
        Path outputs = root.resolve("cdk.out").resolve("crossfade-deploy-outputs.json");
        if (!dryRun && !Files.isExecutable(cli)) {
            throw new BadInputException("the CDK CLI " + cli + " is missing: run `npm ci` at the repository root (package.json pins aws-cdk)");
        }
        // a dry run calls nothing, so it shows a first deployment; a real run asks CloudFormation what exists
        DeployPlan.State state = dryRun ? DeployPlan.State.FIRST_DEPLOYMENT : StackState.read(t, endpoint.endpoint());
        // cdk runs from the repository root: the topology's path must not depend on where this was started
        DeployPlan plan = DeployPlan.of(t, topology.file().toAbsolutePath().normalize(), outputs, state, true);
        String account = t.account().orElse("<CDK_DEFAULT_ACCOUNT: the account of your credentials>");

        out.printf("deploy %s to account %s with %s%s%n", t.name(), account, cli,
                Files.isExecutable(cli) ? "" : " (missing: run `npm ci` at the repository root)");
        out.printf("stacks, in deploy order: %s%n", String.join(", ", plan.stackOrder()));
        out.printf("once per account and region, before the first deployment (crossfade doctor checks it):%n  %s bootstrap %s%n",
                cli, DeployPlan.bootstrapRegions(t).stream().map(r -> "aws://" + account + "/" + r).collect(Collectors.joining(" ")));
        for (int i = 0; i < plan.passes().size(); i++) {
            DeployPlan.Pass pass = plan.passes().get(i);
            out.printf("pass %d/%d %s: %s%s%n  %s %s%n", i + 1, plan.passes().size(), pass.name(), pass.purpose(),
                    pass.when().map(w -> " (only on: " + w + ")").orElse(""), cli, String.join(" ", pass.arguments()));
        }
        if (dryRun) {
            out.println("dry run: nothing was called");
            return Main.OK;
        }
        if (!yes) {
            String answer = Confirmer.TERMINAL.ask("deploy " + plan.stackOrder().size() + " stacks of " + t.name()
                    + " to account " + account + "? type 'deploy' to go on: ").orElse("");
            if (!answer.equals("deploy")) {
                throw new RefusedException("not confirmed: nothing deployed (pass --yes to skip the question)");
            }
        }
        Files.createDirectories(outputs.getParent());
        String acceleratorArn = null;
        for (int i = 0; i < plan.passes().size(); i++) {
            DeployPlan.Pass pass = plan.passes().get(i);
            List<String> arguments = new ArrayList<>();
            for (String a : pass.arguments()) {
                if (a.contains(DeployPlan.ACCELERATOR_PLACEHOLDER)) {
                    if (acceleratorArn == null) {
                        acceleratorArn = acceleratorArn(outputs, t);
                    }
                    a = a.replace(DeployPlan.ACCELERATOR_PLACEHOLDER, acceleratorArn);
                }
                arguments.add(a);
            }
            String label = "pass " + (i + 1) + "/" + plan.passes().size() + " " + pass.name();
            out.printf("[%s] %s %s%n", label, cli, String.join(" ", arguments));
            out.flush();
            int exit = run(cli, arguments, root, label, out);
            if (exit != 0) {
                err().printf("%s failed (cdk exit %d): the stacks deployed so far stay; fix the cause "
                        + "and run crossfade deploy again (CloudFormation rolled back the failed stack)%n", label, exit);
                return Main.UNEXPECTED;
            }
        }
        out.printf("deployed %s: %d stack(s) in %d pass(es)%n", t.name(), plan.stackOrder().size(), plan.passes().size());
        return Main.OK;
    }

    private static String acceleratorArn(Path outputs, Topology t) throws IOException {
        JsonNode arn = new ObjectMapper().readTree(outputs.toFile()).path(t.name() + "-global").path(DeployPlan.ACCELERATOR_OUTPUT);
        if (!arn.isTextual() || arn.asText().isBlank()) {
            throw new IllegalStateException(outputs + " has no " + DeployPlan.ACCELERATOR_OUTPUT + " of " + t.name() + "-global");
        }
        return arn.asText();
    }

    private static int run(Path cli, List<String> arguments, Path root, String label, PrintWriter out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cli.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                out.printf("[%s] %s%n", label, line);
                out.flush();
            }
        }
        return process.waitFor();
    }
}
