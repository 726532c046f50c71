package dev.parley.scans;

import dev.parley.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanIntervalTest {

    @Test
    void readsThePeriodsPeopleType() {
        assertThat(ScanInterval.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ScanInterval.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ScanInterval.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ScanInterval.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ScanInterval.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ScanInterval.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    }

    @Test
    void refusesNonsenseAndPeriodsBelowOneSecond() {
        for (String bad : new String[] {"", "5", "5 minutes", "0s", "PT0.5S", "-5m", "99999999999999999999s"}) {
            assertThatThrownBy(() -> ScanInterval.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("--every");
        }
    }
}
