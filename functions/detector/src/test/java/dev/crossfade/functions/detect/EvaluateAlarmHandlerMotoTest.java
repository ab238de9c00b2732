package dev.crossfade.functions.detect;

import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handler contract against moto over HTTP (a missing moto fails, it never skips). */
@ExtendWith(MotoExtension.class)
class EvaluateAlarmHandlerMotoTest extends EvaluateAlarmHandlerContract {

    private static MotoServer moto;

    @BeforeAll
    static void moto(MotoServer server) {
        moto = server;
    }

    @Override
    URI endpoint() {
        return moto.endpoint();
    }
}
