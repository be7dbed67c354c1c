package io.roadchief.service;

/**
 * The duty page's three-colour view of the five water risk levels the water job computes:
 * green = normal; amber = blue or yellow (watch, prepare); red = orange or red (act now).
 */
public final class GaugeColour {
    private GaugeColour() {}

    public static String of(String riskLevel) {
        if (riskLevel == null) return "grey";
        return switch (riskLevel) {
            case "normal" -> "green";
            case "blue", "yellow" -> "amber";
            case "orange", "red" -> "red";
            default -> "grey";
        };
    }
}
