package io.roadchief.simulator.truth;

/** A simulated unit and the imperfections it was given. */
public record DeviceTruth(String deviceId, String vehicleClass, int sampleRateHz, int gpsRateHz,
                          double clockOffsetMs, double gpsErrorRmsM, double accBiasMs2, double accNoiseMs2,
                          boolean camera) {}
