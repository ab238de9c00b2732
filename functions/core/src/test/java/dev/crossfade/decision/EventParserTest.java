package dev.crossfade.decision;

import static dev.crossfade.testutils.DetectionSamples.eventBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.testutils.DetectionSamples;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

    private final EventParser parser = new EventParser(DetectionSamples.threeRegions());

    @Test
    void cloudWatchAlarmEvent_shouldYieldRegionSignalObserverAndStateTime() {
        DetectorEvent e = parser.parse(eventBytes("canary-alarm-us-east-1-from-eu-west-1.json"));

        DetectorEvent.AlarmChange a = assertInstanceOf(DetectorEvent.AlarmChange.class, e);
        assertEquals("us-east-1", a.watchedRegion());
        assertEquals("canary", a.signal());
        assertEquals("canary@eu-west-1", a.signalKey());
        assertEquals(AlarmState.ALARM, a.state());
        assertEquals(Instant.parse("2026-11-22T10:00:40Z"), a.at());
    }

    @ParameterizedTest
    @CsvSource({
            "composite-alarm-primary.json, composite, ALARM",
            "health-check-alarm-us-east-1.json, health-check, ALARM",
            "ok-primary-alb-5xx.json, alb-5xx, OK",
            "insufficient-data-primary-unhealthy-targets.json, unhealthy-targets, INSUFFICIENT_DATA"})
    void sampleEvent_shouldParseToItsSignalAndState(String file, String signal, AlarmState state) {
        DetectorEvent.AlarmChange a = assertInstanceOf(DetectorEvent.AlarmChange.class, parser.parse(eventBytes(file)));

        assertEquals(signal, a.signal());
        assertEquals(state, a.state());
    }

    @Test
    void scheduledEvent_shouldBeTick() {
        assertInstanceOf(DetectorEvent.Tick.class, parser.parse(eventBytes("scheduled-tick.json")));
    }

    @ParameterizedTest
    @CsvSource({
            "missing-detail.json, 'detail' is missing",
            "wrong-types.json, expected a string",
            "truncated.json, truncated",
            "unknown-alarm.json, unknown alarm",
            "other-account.json, account 999999999999",
            "disabled-region.json, disabled",
            "other-source.json, aws.ec2",
            "oversized-field.json, above the limit"})
    void malformedEvent_shouldBeRejectedWithReasonNamingTheProblem(String file, String expected) {
        DetectorEvent.Rejected r = assertInstanceOf(DetectorEvent.Rejected.class, parser.parse(eventBytes("malformed/" + file)));

        assertTrue(r.reason().contains(expected), r.reason());
    }

    @Test
    void notJsonAtAll_shouldThrowNotJson_butLenientParseRejects() {
        byte[] text = eventBytes("not-json.txt");

        assertThrows(EventParser.NotJsonException.class, () -> parser.parse(text));
        assertInstanceOf(DetectorEvent.Rejected.class, parser.parseLenient(text));
    }

    @Test
    void eventAboveSizeLimit_shouldBeRejectedUnread() {
        byte[] big = new byte[EventParser.MAX_EVENT_BYTES + 1];

        assertTrue(assertInstanceOf(DetectorEvent.Rejected.class, parser.parse(big)).reason().contains("bytes"));
    }
}
