-- Seed, Core: the platform tenant, the demo tenants and one demo user each.
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING.

INSERT INTO public.tenants (id, name, subdomain, tier, settings) VALUES
  (vital.platform_tenant_id(), 'VITAL Platform Library', 'platform', 'enterprise',
   '{"library": true}'),
  (vital.seed_uuid('tenants', 'acme'), 'Acme Therapeutics', 'acme', 'pro',
   '{"locale": "en-US", "therapeutic_focus": ["oncology", "immunology"]}'),
  (vital.seed_uuid('tenants', 'pharmaco'), 'PharmaCo Biologics', 'pharmaco', 'enterprise',
   '{"locale": "en-GB", "therapeutic_focus": ["cardiology", "rare-diseases"]}')
ON CONFLICT (id) DO NOTHING;

INSERT INTO auth.users (id, email, raw_app_meta_data) VALUES
  (vital.seed_uuid('users', 'ada@acme.example'), 'ada@acme.example',
   jsonb_build_object('tenant_id', vital.seed_uuid('tenants', 'acme'))),
  (vital.seed_uuid('users', 'paul@pharmaco.example'), 'paul@pharmaco.example',
   jsonb_build_object('tenant_id', vital.seed_uuid('tenants', 'pharmaco')))
ON CONFLICT (id) DO NOTHING;

INSERT INTO public.profiles (id, tenant_id, user_id, display_name, email) VALUES
  (vital.seed_uuid('profiles', 'acme', 'ada@acme.example'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('users', 'ada@acme.example'), 'Ada Lindqvist', 'ada@acme.example'),
  (vital.seed_uuid('profiles', 'pharmaco', 'paul@pharmaco.example'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('users', 'paul@pharmaco.example'), 'Paul Okafor', 'paul@pharmaco.example')
ON CONFLICT DO NOTHING;

INSERT INTO public.tenant_members (id, tenant_id, user_id, role) VALUES
  (vital.seed_uuid('tenant_members', 'acme', 'ada@acme.example'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('users', 'ada@acme.example'), 'owner'),
  (vital.seed_uuid('tenant_members', 'pharmaco', 'paul@pharmaco.example'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('users', 'paul@pharmaco.example'), 'owner')
ON CONFLICT DO NOTHING;

INSERT INTO public.tenant_invitations (id, tenant_id, email, role, token_hash) VALUES
  (vital.seed_uuid('tenant_invitations', 'acme', 'grace@acme.example'), vital.seed_uuid('tenants', 'acme'),
   'grace@acme.example', 'member', encode(sha256('demo-invite-acme'), 'hex')),
  (vital.seed_uuid('tenant_invitations', 'pharmaco', 'lin@pharmaco.example'), vital.seed_uuid('tenants', 'pharmaco'),
   'lin@pharmaco.example', 'viewer', encode(sha256('demo-invite-pharmaco'), 'hex'))
ON CONFLICT DO NOTHING;

INSERT INTO public.api_keys (id, tenant_id, name, key_prefix, key_hash, scopes) VALUES
  (vital.seed_uuid('api_keys', 'acme', 'demo'), vital.seed_uuid('tenants', 'acme'), 'Demo integration',
   'acmedemo', encode(sha256('acmedemo.not-a-real-secret'), 'hex'), '{read}'),
  (vital.seed_uuid('api_keys', 'pharmaco', 'demo'), vital.seed_uuid('tenants', 'pharmaco'), 'Demo integration',
   'pharmdem', encode(sha256('pharmdem.not-a-real-secret'), 'hex'), '{read}')
ON CONFLICT DO NOTHING;

INSERT INTO public.tenant_usage (id, tenant_id, metric, period, period_start, value) VALUES
  (vital.seed_uuid('tenant_usage', 'acme', 'documents'), vital.seed_uuid('tenants', 'acme'),
   'documents', 'month', date '2026-11-01', 0),
  (vital.seed_uuid('tenant_usage', 'pharmaco', 'documents'), vital.seed_uuid('tenants', 'pharmaco'),
   'documents', 'month', date '2026-11-01', 0)
ON CONFLICT DO NOTHING;
