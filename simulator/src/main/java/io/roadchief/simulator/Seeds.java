package io.roadchief.simulator;

import java.util.SplittableRandom;

/**
 * Seeds for every random component, derived from the scenario seed, the component's name and its
 * index, so that each component draws from its own stream: adding a vehicle or a road never shifts
 * the numbers another one sees.
 */
public final class Seeds {
    private Seeds() {}

    /** SplitMix64 finaliser: a good 64-bit mix. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long of(long root, String component, long index) {
        long h = mix(root + 0x9e3779b97f4a7c15L);
        for (int i = 0; i < component.length(); i++) h = mix(h ^ component.charAt(i));
        return mix(h ^ (index * 0x9e3779b97f4a7c15L + 0x632be59bd9b4e019L));
    }

    public static SplittableRandom random(long root, String component, long index) {
        return new SplittableRandom(of(root, component, index));
    }

    /** Standard normal deviate (Box-Muller, one of the pair; no allocation). */
    public static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        if (u1 < 1e-300) u1 = 1e-300;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    public static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
