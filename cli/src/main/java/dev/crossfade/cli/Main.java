package dev.crossfade.cli;

import dev.crossfade.infra.AppInputException;
import dev.crossfade.topology.TopologyException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code crossfade} operator command line. Exit codes (docs/cli.md): 0 done; 2 bad input;
 * 3 refused or aborted safely by a guard; 1 anything unexpected.
 */
@Command(name = "crossfade",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Multi-region failover for AWS, as code.",
        subcommands = {
                ValidateCommand.class,
                SynthCommand.class,
                CostCommand.class,
                PlanCommand.class,
                DecideCommand.class,
                DrillCommand.class,
                ChaosCommand.class,
                FailoverCommand.class,
                FailbackCommand.class,
                StatusCommand.class,
                DeployCommand.class,
                DoctorCommand.class,
                ApproveCommand.class,
                RejectCommand.class,
                ReportCommand.class,
                DiagramCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main {

    public static final int OK = 0;
    public static final int UNEXPECTED = 1;
    public static final int BAD_INPUT = 2;
    public static final int REFUSED = 3;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; used by tests to capture output without exiting the JVM. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(Main::exitCode);
        cli.setParameterExceptionHandler(Main::badUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            report(e, commandLine.getErr());
            return exitCode(e);
        });
        return cli.execute(args);
    }

    /**
     * A command line picocli refuses. An unknown option (a typo such as {@code --topolgy}) is named
     * first, with the options that do exist: picocli would otherwise report only the required
     * option the typo left missing.
     */
    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        java.util.List<String> unknown = unknownOptions(cmd, args);
        if (!unknown.isEmpty() && !(e instanceof CommandLine.UnmatchedArgumentException)) {
            for (String option : unknown) {
                err.println("error: unknown option '" + option + "'" + suggestion(cmd, option));
            }
        } else {
            err.println("error: " + e.getMessage()
                    + (e instanceof CommandLine.UnmatchedArgumentException && !unknown.isEmpty() ? suggestion(cmd, unknown.get(0)) : ""));
        }
        cmd.usage(err);
        err.flush();
        return BAD_INPUT;
    }

    /** The arguments that look like options but are none of this command's (nor a subcommand's name). */
    private static java.util.List<String> unknownOptions(CommandLine cmd, String[] args) {
        var options = cmd.getCommandSpec().optionsMap().keySet();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.startsWith("-") && name.length() > 1 && !name.matches("-\\d.*") && !options.contains(name)
                    && !isOptionOfAnAncestor(cmd, name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean isOptionOfAnAncestor(CommandLine cmd, String name) {
        for (CommandLine c = cmd.getParent(); c != null; c = c.getParent()) {
            if (c.getCommandSpec().optionsMap().containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    private static String suggestion(CommandLine cmd, String option) {
        String bare = option.replaceFirst("^-+", "");
        return cmd.getCommandSpec().optionsMap().keySet().stream()
                .filter(o -> o.startsWith("--"))
                .min(java.util.Comparator.comparingInt(o -> distance(o.substring(2), bare)))
                .filter(o -> distance(o.substring(2), bare) <= 2)
                .map(o -> " (did you mean " + o + "?)")
                .orElse(" (known options: " + String.join(", ", new java.util.TreeSet<>(cmd.getCommandSpec().optionsMap().keySet())) + ")");
    }

    /** Levenshtein distance, for the suggestion. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    static int exitCode(Throwable e) {
        if (e instanceof TopologyException || e instanceof BadInputException || e instanceof CommandLine.ParameterException
                || e instanceof AppInputException) {
            return BAD_INPUT;
        }
        if (e instanceof RefusedException) {
            return REFUSED;
        }
        return UNEXPECTED;
    }

    private static void report(Exception e, PrintWriter err) {
        if (e instanceof TopologyException t) {
            err.println("error: " + t.getMessage());
        } else if (e instanceof BadInputException || e instanceof RefusedException || e instanceof AppInputException) {
            err.println("error: " + e.getMessage());
        } else {
            err.println("unexpected error: " + e);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                err.println("  caused by: " + cause);
            }
            if (System.getenv("CROSSFADE_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("(set CROSSFADE_DEBUG=1 for the stack trace)");
            }
        }
        err.flush();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"crossfade " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
