package dev.crossfade.cli.doctor;

import dev.crossfade.topology.Topology;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Runs the doctor with the default credential chain (and an optional emulator endpoint). */
public final class DoctorRun {

    private DoctorRun() {}

    public static List<Check> run(Topology t, Optional<URI> endpoint) {
        try (AccountClients aws = new AccountClients(DefaultCredentialsProvider.builder().build(), endpoint)) {
            return Doctor.run(t, aws);
        }
    }
}
