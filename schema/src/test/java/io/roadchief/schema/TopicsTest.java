package io.roadchief.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void parsesTheThreeDeviceTopics() {
        assertThat(Topics.parse("roadchief/v1/vehicle/bus-0012/imu"))
                .isEqualTo(new Topics.Parsed(Topics.Kind.VEHICLE_IMU, "bus-0012"));
        assertThat(Topics.parse("roadchief/v1/vehicle/patrol_7/detections"))
                .isEqualTo(new Topics.Parsed(Topics.Kind.VEHICLE_DETECTIONS, "patrol_7"));
        assertThat(Topics.parse("roadchief/v1/gauge/XH-0401/level"))
                .isEqualTo(new Topics.Parsed(Topics.Kind.GAUGE_LEVEL, "XH-0401"));
    }

    @Test
    void builtTopicsParseBackToTheirDevice() {
        String id = "san-truck_03";
        assertThat(Topics.parse(Topics.vehicleImu(id))).isEqualTo(new Topics.Parsed(Topics.Kind.VEHICLE_IMU, id));
        assertThat(Topics.parse(Topics.vehicleDetections(id))).isEqualTo(new Topics.Parsed(Topics.Kind.VEHICLE_DETECTIONS, id));
        assertThat(Topics.parse(Topics.gaugeLevel(id))).isEqualTo(new Topics.Parsed(Topics.Kind.GAUGE_LEVEL, id));
    }

    @Test
    void acceptsAnIdOfExactlyTheMaximumLength() {
        String id = "a".repeat(DeviceIds.MAX_LENGTH);
        assertThat(Topics.parse(Topics.vehicleImu(id))).isEqualTo(new Topics.Parsed(Topics.Kind.VEHICLE_IMU, id));
    }

    @Test
    void rejectsAnIdOneCharacterTooLong() {
        assertThat(Topics.parse(Topics.vehicleImu("a".repeat(DeviceIds.MAX_LENGTH + 1)))).isNull();
        assertThat(Topics.parse(Topics.gaugeLevel("g".repeat(65)))).isNull();
    }

    @Test
    void rejectsNullAndEmpty() {
        assertThat(Topics.parse(null)).isNull();
        assertThat(Topics.parse("")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // wrong or missing prefix, other versions
            "roadchief/v2/vehicle/bus-1/imu", "RoadChief/v1/vehicle/bus-1/imu", "/roadchief/v1/vehicle/bus-1/imu",
            "vehicle/bus-1/imu", "other/v1/vehicle/bus-1/imu", "roadchief/v1/", "roadchief/v1",
            // extra or missing levels
            "roadchief/v1/vehicle/bus-1/imu/extra", "roadchief/v1/vehicle/bus-1/imu/", "roadchief/v1/vehicle/bus-1",
            "roadchief/v1/vehicle/imu", "roadchief/v1/vehicle//imu", "roadchief/v1//bus-1/imu", "roadchief/v1/gauge/g1/level/x",
            // wrong leaf for the group, unknown groups, outbound topics
            "roadchief/v1/gauge/g1/imu", "roadchief/v1/vehicle/bus-1/level", "roadchief/v1/vehicle/bus-1/IMU",
            "roadchief/v1/truck/bus-1/imu", "roadchief/v1/alerts/water/g1", "roadchief/v1/crews/crew-1/tickets",
            // ids that must never reach SQL or file names
            "roadchief/v1/vehicle/x'; DROP TABLE device;--/imu", "roadchief/v1/gauge/g1' OR '1'='1/level",
            "roadchief/v1/vehicle/bus 1/imu", "roadchief/v1/vehicle/bus.1/imu", "roadchief/v1/vehicle/公交-1/imu",
            "roadchief/v1/vehicle/bus\u00001/imu",
            // wildcards are filters, not topics
            "roadchief/v1/vehicle/+/imu", "roadchief/v1/vehicle/#", "roadchief/v1/gauge/+/level"})
    void rejectsMalformedAndForeignTopics(String topic) {
        assertThat(Topics.parse(topic)).isNull();
    }

    @Test
    void sqlLookingIdIsNotAValidDeviceId() {
        assertThat(DeviceIds.isValid("x'; DROP TABLE device;--")).isFalse();
        assertThat(DeviceIds.isValid("")).isFalse();
        assertThat(DeviceIds.isValid(null)).isFalse();
    }

    @Test
    void deviceFiltersMatchTheBuiltTopics() {
        assertThat(Topics.DEVICE_TOPIC_FILTERS).containsExactlyInAnyOrder(
                Topics.vehicleImu("+"), Topics.vehicleDetections("+"), Topics.gaugeLevel("+"));
    }
}
