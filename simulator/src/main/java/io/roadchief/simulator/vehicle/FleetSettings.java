package io.roadchief.simulator.vehicle;

/**
 * What every vehicle run shares.
 *
 * @param startEpochMs     true time the simulation starts, epoch ms
 * @param passes           passes (one drive along part or all of one road) for this vehicle; 0 = use duration
 * @param durationS        how long the vehicle drives when passes is 0, s
 * @param dropRate         probability a message is lost (its sequence number is still used)
 * @param duplicateRate    probability a message is delivered twice
 * @param cameraRecall     probability a camera reports a defect it drives past
 * @param cameraTypeAccuracy probability the camera's type is right
 * @param cameraFalsePerKm camera false positives per km driven
 */
public record FleetSettings(long startEpochMs, int passes, double durationS, double dropRate, double duplicateRate,
                            double cameraRecall, double cameraTypeAccuracy, double cameraFalsePerKm) {}
