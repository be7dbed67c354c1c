package io.roadchief.launcher.evaluate.pavement;

import io.roadchief.simulator.truth.DefectTruth;
import io.roadchief.simulator.truth.FeatureTruth;
import io.roadchief.simulator.truth.GroundTruth;
import io.roadchief.simulator.truth.SegmentTruth;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores what the pavement pipeline wrote (ticket, segment_pass) against the simulator's ground truth.
 *
 * <p>Matching: a ticket matches a planted defect on the same road whose centre is within
 * {@link #MATCH_M} + half its length of the ticket's position (GPS error of the vehicles is 3-8 m RMS, and
 * correlated over a whole pass). Each defect is matched by at most one ticket (the nearest); any other
 * ticket on it is a duplicate and counts as false. Type accuracy and severity accuracy are over matched
 * tickets. Recall per type counts defects with a ticket of any type; precision per type counts tickets of
 * that type that matched a defect of that type. IRI: per 100 m segment, the mean of the passes' estimates
 * against the golden-car IRI of the segment (mean of both wheel paths, everything on the surface included).
 */
public final class PavementScorecard {
    /** Position tolerance for a ticket to match a planted defect, m (plus half the defect's length). */
    public static final double MATCH_M = 15.0;
    /** A ticket this close to a registered speed bump counts as "on" it, m. */
    public static final double SPEED_BUMP_M = 15.0;
    public static final String[] TYPES = {"POTHOLE", "CRACK", "SUBSIDENCE", "RUTTING", "BUMP", "MANHOLE"};

    record Ticket(String id, String roadId, String type, String severity, double lat, double lon) {}

    public record TypeScore(String type, int planted, int ticketed, int ticketsOfType, int correctTickets) {
        public double recall() { return planted == 0 ? Double.NaN : (double) ticketed / planted; }
        public double precision() { return ticketsOfType == 0 ? Double.NaN : (double) correctTickets / ticketsOfType; }
        public double f1() {
            double p = precision(), r = recall();
            return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
        }
    }

    public int tickets, matchedTickets, duplicateTickets, falseTickets, speedBumpTickets, typeCorrect, severityCorrect;
    public int potholes3cm, potholes3cmTicketed;
    public final List<TypeScore> perType = new ArrayList<>();
    public int iriSegments, iriPasses;
    public double iriR2, iriMae, iriMeanTruth;
    public final List<String> falseTicketNotes = new ArrayList<>();

    public double ticketPrecision() { return tickets == 0 ? Double.NaN : (double) matchedTickets / tickets; }
    public double typeAccuracy() { return matchedTickets == 0 ? Double.NaN : (double) typeCorrect / matchedTickets; }
    public double severityAccuracy() { return matchedTickets == 0 ? Double.NaN : (double) severityCorrect / matchedTickets; }
    public double potholeRecall3cm() { return potholes3cm == 0 ? Double.NaN : (double) potholes3cmTicketed / potholes3cm; }

    public static PavementScorecard score(Connection c, GroundTruth truth) throws SQLException {
        PavementScorecard s = new PavementScorecard();
        List<Ticket> tickets = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT t.ticket_id, r.road_id, t.defect_type, t.severity, t.lat, t.lon"
                     + " FROM ticket t JOIN road_segment r USING (segment_id) ORDER BY t.ticket_id")) {
            while (rs.next()) tickets.add(new Ticket(rs.getString(1), rs.getString(2), rs.getString(3).toUpperCase(Locale.ROOT),
                    rs.getString(4), rs.getDouble(5), rs.getDouble(6)));
        }
        s.tickets = tickets.size();
        // Candidate pairs (ticket, defect) within tolerance, nearest first; greedy one-to-one.
        record Pair(Ticket t, DefectTruth d, double dist) {}
        List<Pair> pairs = new ArrayList<>();
        for (Ticket t : tickets) {
            for (DefectTruth d : truth.defects()) {
                if (!d.roadId().equals(t.roadId())) continue;
                double dist = metres(t.lat(), t.lon(), d.lat(), d.lon());
                if (dist <= MATCH_M + d.lengthM() / 2) pairs.add(new Pair(t, d, dist));
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::dist));
        Map<String, DefectTruth> matchOf = new HashMap<>();
        Set<String> usedDefects = new HashSet<>();
        for (Pair p : pairs) {
            if (matchOf.containsKey(p.t().id()) || usedDefects.contains(p.d().defectId())) continue;
            matchOf.put(p.t().id(), p.d());
            usedDefects.add(p.d().defectId());
        }
        Set<String> nearSomeDefect = new HashSet<>();
        for (Pair p : pairs) nearSomeDefect.add(p.t().id());
        Map<String, int[]> ofType = new LinkedHashMap<>();
        for (String ty : TYPES) ofType.put(ty, new int[4]); // planted, ticketed, ticketsOfType, correct
        for (DefectTruth d : truth.defects()) {
            ofType.get(d.type())[0]++;
            if (usedDefects.contains(d.defectId())) ofType.get(d.type())[1]++;
            if (d.type().equals("POTHOLE") && Math.abs(d.depthM()) >= 0.03) {
                s.potholes3cm++;
                if (usedDefects.contains(d.defectId())) s.potholes3cmTicketed++;
            }
        }
        for (Ticket t : tickets) {
            int[] k = ofType.get(t.type());
            if (k != null) k[2]++;
            DefectTruth d = matchOf.get(t.id());
            if (d != null) {
                s.matchedTickets++;
                if (d.type().equals(t.type())) { s.typeCorrect++; if (k != null) k[3]++; }
                if (d.severity().equals(t.severity())) s.severityCorrect++;
            } else {
                s.falseTickets++;
                if (nearSomeDefect.contains(t.id())) s.duplicateTickets++;
                String note = nearFeature(truth, t);
                s.falseTicketNotes.add(t.id() + " " + t.type().toLowerCase(Locale.ROOT) + " " + t.severity()
                        + (nearSomeDefect.contains(t.id()) ? " (second ticket on a defect)" : "") + (note.isEmpty() ? "" : " " + note));
            }
            for (FeatureTruth f : truth.features()) {
                if (f.kind().equals("speed_bump") && f.roadId().equals(t.roadId())
                        && metres(t.lat(), t.lon(), f.lat(), f.lon()) <= SPEED_BUMP_M) { s.speedBumpTickets++; break; }
            }
        }
        for (Map.Entry<String, int[]> e : ofType.entrySet()) {
            int[] k = e.getValue();
            s.perType.add(new TypeScore(e.getKey(), k[0], k[1], k[2], k[3]));
        }
        // IRI per segment.
        List<double[]> pairsIri = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT segment_id, avg(iri_m_km), count(*) FROM segment_pass"
                     + " WHERE iri_m_km IS NOT NULL GROUP BY segment_id ORDER BY segment_id")) {
            while (rs.next()) {
                SegmentTruth t = truth.segment(rs.getString(1));
                if (t == null) continue;
                pairsIri.add(new double[]{t.iri(), rs.getDouble(2)});
                s.iriPasses += rs.getInt(3);
            }
        }
        s.iriSegments = pairsIri.size();
        if (!pairsIri.isEmpty()) {
            double mean = pairsIri.stream().mapToDouble(p -> p[0]).average().orElse(0), ssTot = 0, ssRes = 0, abs = 0;
            for (double[] p : pairsIri) {
                ssTot += (p[0] - mean) * (p[0] - mean);
                ssRes += (p[0] - p[1]) * (p[0] - p[1]);
                abs += Math.abs(p[0] - p[1]);
            }
            s.iriR2 = 1 - ssRes / ssTot;
            s.iriMae = abs / pairsIri.size();
            s.iriMeanTruth = mean;
        }
        return s;
    }

    private static String nearFeature(GroundTruth truth, Ticket t) {
        FeatureTruth best = null;
        double bd = 30;
        for (FeatureTruth f : truth.features()) {
            if (!f.roadId().equals(t.roadId())) continue;
            double d = metres(t.lat(), t.lon(), f.lat(), f.lon());
            if (d < bd) { bd = d; best = f; }
        }
        return best == null ? "" : String.format(Locale.ROOT, "(%.0f m from a registered %s)", bd, best.kind());
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dy = (lat1 - lat2) * 111_195.0, dx = (lon1 - lon2) * 111_195.0 * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return Math.hypot(dx, dy);
    }

    /** The printed report (Markdown). */
    public String report() {
        StringBuilder b = new StringBuilder();
        b.append("| type | planted | ticketed | recall | tickets of type | correct | precision | F1 |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (TypeScore t : perType) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %s | %s |%n", t.type().toLowerCase(Locale.ROOT),
                    t.planted(), t.ticketed(), f(t.recall()), t.ticketsOfType(), t.correctTickets(), f(t.precision()), f(t.f1())));
        }
        b.append('\n');
        b.append("| measure | value | target |\n|---|---:|---|\n");
        b.append(String.format(Locale.ROOT, "| tickets opened | %d | |%n", tickets));
        b.append(String.format(Locale.ROOT, "| tickets at planted defects | %d | |%n", matchedTickets));
        b.append(String.format(Locale.ROOT, "| false tickets (of which second tickets on one defect) | %d (%d) | |%n", falseTickets, duplicateTickets));
        b.append(String.format(Locale.ROOT, "| ticket precision | %s | >= 0.95 |%n", f(ticketPrecision())));
        b.append(String.format(Locale.ROOT, "| recall, potholes >= 3 cm deep | %s (%d/%d) | >= 0.90 |%n", f(potholeRecall3cm()), potholes3cmTicketed, potholes3cm));
        b.append(String.format(Locale.ROOT, "| type accuracy (matched tickets) | %s | >= 0.90 |%n", f(typeAccuracy())));
        b.append(String.format(Locale.ROOT, "| severity accuracy (matched tickets) | %s | |%n", f(severityAccuracy())));
        b.append(String.format(Locale.ROOT, "| tickets on registered speed bumps | %d | 0 |%n", speedBumpTickets));
        b.append(String.format(Locale.ROOT, "| IRI R^2 per 100 m segment | %s (%d segments, %d passes) | >= 0.85 |%n", f(iriR2), iriSegments, iriPasses));
        b.append(String.format(Locale.ROOT, "| IRI mean absolute error | %.2f m/km (truth mean %.2f m/km) | |%n", iriMae, iriMeanTruth));
        return b.toString();
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
