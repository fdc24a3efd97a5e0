-- Full before images for every table of the sample shop (docs/capture.md): the capture needs them for updates and
-- deletes, and they avoid unchanged-TOAST gaps. Runs after 10-sample-monolith.sql, on both databases.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('ALTER TABLE public.%I REPLICA IDENTITY FULL', t.tablename);
    END LOOP;
END
$$;
