package io.roadchief.simulator.truth;

/**
 * The true roughness of one ~100 m segment.
 *
 * @param gd            ISO 8608 Gd(n0) the profile was synthesised with, m^3
 * @param roughnessClass its ISO class letter
 * @param iriForward    golden-car IRI of the direction +1 right wheel path, everything on it, m/km
 * @param iriReverse    same for the direction -1 right wheel path
 * @param iri           mean of the two wheel paths: the segment's true IRI
 * @param iriBase       mean IRI of the random profile alone, without defects and features
 */
public record SegmentTruth(String segmentId, String roadId, int seqOnRoad, String districtCode, double lengthM,
                           double gd, String roughnessClass, double iriForward, double iriReverse, double iri,
                           double iriBase) {}
