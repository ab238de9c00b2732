package dev.crossfade.cli;

import dev.crossfade.cli.remote.EndpointOption;
import picocli.CommandLine.Mixin;

/** A {@link TopologyCommand} that calls the account, or the emulator of {@code --endpoint-url}. */
abstract class AccountCommand extends TopologyCommand {

    @Mixin
    EndpointOption endpoint;
}
