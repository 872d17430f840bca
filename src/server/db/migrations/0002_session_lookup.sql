-- The session check runs on every authenticated request. This function sets the tenant and reads the
-- session in one statement (one round trip). It runs as the caller (SECURITY INVOKER), so row-level
-- security applies to the read exactly as it does everywhere else.
CREATE FUNCTION session_lookup(p_tenant uuid, p_token_hash text)
RETURNS TABLE (
  user_id uuid, display_name text, email text, roles text[], language text, active boolean,
  csrf_token text, created_at timestamptz, last_seen_at timestamptz, expires_at timestamptz,
  tenant_slug text, tenant_name text
)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY
    SELECT u.id, u.display_name, u.email, u.roles, u.language, u.active,
           s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, t.slug, t.name
    FROM sessions s
    JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
    JOIN tenants t ON t.id = s.tenant_id
    WHERE s.tenant_id = p_tenant AND s.token_hash = p_token_hash;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION session_lookup(uuid, text) TO samen_app;
