package io.roadchief.simulator.road;

/** Surface shapes added to the random profile: the planted defects and the registered features. */
public enum ShapeKind {
    POTHOLE, SUBSIDENCE, BUMP, RUTTING, MANHOLE, CRACK,
    SPEED_BUMP, EXPANSION_JOINT, MANHOLE_COVER
}
