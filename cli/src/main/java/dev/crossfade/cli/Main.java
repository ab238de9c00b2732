package dev.crossfade.cli;

import dev.crossfade.topology.TopologyException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code crossfade} operator command line. Exit codes (shared/CLI.md): 0 done; 2 bad input;
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
                FailoverCommand.class,
                FailbackCommand.class,
                StatusCommand.class,
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
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            report(e, commandLine.getErr());
            return exitCode(e);
        });
        return cli.execute(args);
    }

    static int exitCode(Throwable e) {
        if (e instanceof TopologyException || e instanceof BadInputException || e instanceof CommandLine.ParameterException) {
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
        } else if (e instanceof BadInputException || e instanceof RefusedException) {
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
