-- Roles and grants for a Facilitator team library on PostgreSQL.
--
-- 1. As a PostgreSQL superuser, create the database and its owner:
--      CREATE ROLE facilitator_owner LOGIN PASSWORD '...';
--      CREATE DATABASE debriefs OWNER facilitator_owner;
-- 2. As that owner, create the tables (the app never changes the schema of a team
--    library by itself):
--      facilitator team connect postgresql://facilitator_owner@HOST/debriefs
--      facilitator team upgrade
-- 3. As that owner, connected to the database, run this file:
--      psql -h HOST -U facilitator_owner -d debriefs -f team-library.sql
-- 4. Give each person a login in one of the two roles:
--      CREATE ROLE ada LOGIN PASSWORD '...' IN ROLE facilitator_editor;  -- publish and edit
--      CREATE ROLE sam LOGIN PASSWORD '...' IN ROLE facilitator_reader;  -- browse, search, export
--
-- Running it again is harmless. A reader can browse, search and export; an editor can also
-- publish and edit. The app says plainly when an account may only read.

DO $$
BEGIN
    -- Two people setting up libraries at once must not both create the roles.
    PERFORM pg_advisory_xact_lock(7305811);
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'facilitator_reader') THEN
        CREATE ROLE facilitator_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'facilitator_editor') THEN
        CREATE ROLE facilitator_editor NOLOGIN IN ROLE facilitator_reader;
    END IF;
    EXECUTE format(
        'GRANT CONNECT ON DATABASE %I TO facilitator_reader, facilitator_editor',
        current_database()
    );
END
$$;

GRANT USAGE ON SCHEMA public TO facilitator_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO facilitator_reader;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO facilitator_editor;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO facilitator_editor;

-- Tables a later version adds get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO facilitator_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT INSERT, UPDATE, DELETE ON TABLES TO facilitator_editor;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO facilitator_editor;
