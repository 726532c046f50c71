package dev.parley.platform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessPlatformTest extends PlatformContract {

    private static final Platform PLATFORM = Platform.connect(PlatformConfig.IN_PROCESS);

    @Override
    Platform platform() {
        return PLATFORM;
    }

    @AfterAll
    static void close() {
        PLATFORM.close();
    }

    @Test
    void saysItIsDisabled() {
        assertThat(PLATFORM.health().status()).isEqualTo("disabled");
        assertThat(PLATFORM.mode()).isEqualTo("in-process");
    }
}
