package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's guard against an unexpected moto (docs/emulation.md, "Pinned moto"): it runs the
 * launcher's own check functions in Python, as MotoServer's launch does before patching.
 */
class PinnedMotoTest {

    @TempDir
    static Path dir;
    private static String python;

    @BeforeAll
    static void copyLauncher() throws IOException {
        python = MotoServer.locatePython().orElseThrow(() -> new IllegalStateException("moto is required (pip install -r "
                + "emulator/src/main/resources/dev/crossfade/emulator/requirements.txt)"));
        for (String file : List.of("moto_launcher.py", "global_accelerator.py", "requirements.txt")) {
            try (InputStream in = MotoServer.class.getResourceAsStream(file)) {
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void installedMoto_shouldBeThePinnedOne_withEveryPatchedFunctionAsWritten() throws Exception {
        String out = python("import moto, moto_launcher as m; print(m.pinned_moto_version()); "
                + "print(m.moto_mismatches(moto.__version__, m.pinned_moto_version()))");
        assertEquals("5.2.1\n[]", out.strip(), "the requirements file pins 5.2.1 and this machine's moto matches it");
    }

    @Test
    void anotherVersion_shouldBeRefused_withTheInstallCommand() throws Exception {
        String out = python("import moto_launcher as m; print(m.moto_mismatches('5.0.0', m.pinned_moto_version())[0])");
        assertTrue(out.contains("moto 5.0.0 is installed, but the emulator's patches are written for moto 5.2.1")
                && out.contains("pip install -r"), out);
    }

    /** Once patched, moto's functions have other parameters: exactly what a changed moto looks like to the check. */
    @Test
    void changedSignatures_shouldBeNamed() throws Exception {
        String out = python("import moto, moto_launcher as m; m.apply_patches(); "
                + "print('\\n'.join(m.moto_mismatches(moto.__version__, '5.2.1')))");
        assertTrue(out.contains("moto.rds.models.RDSBackend.modify_db_parameter_group takes (self, name, parameters), the patch was"
                + " written for (self, db_parameter_group_name, db_parameter_group_parameters)"), out);
        assertTrue(out.contains("moto.rds.responses.RDSResponse.failover_global_cluster now exists in moto"), out);
        assertTrue(out.contains("no longer imports the copy module"), out);
    }

    @Test
    void launcher_shouldExitBeforeServing_whenMotoIsNotThePinnedOne() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        for (String file : List.of("moto_launcher.py", "global_accelerator.py")) {
            Files.copy(dir.resolve(file), other.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(other.resolve("requirements.txt"), "moto[server]==4.0.0\n");
        Process p = new ProcessBuilder(python, other.resolve("moto_launcher.py").toString(), "-H", "127.0.0.1", "-p", "1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), out);
        assertTrue(out.contains("refusing to start moto") && out.contains("written for moto 4.0.0"), out);
    }

    private static String python(String code) throws Exception {
        Process p = new ProcessBuilder(python, "-c", code).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
