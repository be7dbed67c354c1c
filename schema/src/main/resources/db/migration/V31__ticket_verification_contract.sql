-- The contract between the pavement job and the ticket lifecycle for automatic verification.
-- After a ticket is 'repaired', the pavement job decides from the next independent vehicle pass
-- over the spot: defect signature gone -> verified, still there -> reopened (with the evidence).
-- It calls, idempotently (a replay returns NULL and changes nothing):
--
--     SELECT record_ticket_verification(ticket_id, defect_gone, pass_time, evidence_text);
--
-- The result is the new status, or NULL when the ticket was not waiting for verification
-- (already decided, or marked 'unverified' by the service after RepairSla.VERIFY_HOURS).
-- Passes older than the repair itself are ignored: they cannot show the repair.
CREATE FUNCTION record_ticket_verification(p_ticket_id text, p_defect_gone boolean,
                                           p_pass_at timestamptz, p_evidence text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    t ticket%ROWTYPE;
    new_status text := CASE WHEN p_defect_gone THEN 'verified' ELSE 'reopened' END;
BEGIN
    SELECT * INTO t FROM ticket WHERE ticket_id = p_ticket_id FOR UPDATE;
    IF NOT FOUND OR t.status <> 'repaired' OR p_pass_at < t.repaired_at THEN
        RETURN NULL;
    END IF;
    UPDATE ticket
       SET status = new_status,
           closed_at = CASE WHEN p_defect_gone THEN p_pass_at ELSE NULL END,
           repaired_at = CASE WHEN p_defect_gone THEN repaired_at ELSE NULL END,
           evidence_count = evidence_count + CASE WHEN p_defect_gone THEN 0 ELSE 1 END,
           updated_at = now()
     WHERE ticket_id = p_ticket_id;
    INSERT INTO ticket_event (ticket_id, at, kind, actor, from_status, to_status, reason, detail, dedup_key)
    VALUES (p_ticket_id, p_pass_at, new_status, 'pavement-job', 'repaired', new_status,
            CASE WHEN p_defect_gone THEN 'vehicle pass shows the defect gone'
                 ELSE 'vehicle pass still shows the defect' END,
            p_evidence,
            'verification:' || p_ticket_id || ':' || extract(epoch FROM t.repaired_at)::bigint)
    ON CONFLICT (dedup_key) DO NOTHING;
    RETURN new_status;
END $$;
