SELECT coalesce((SELECT value FROM public.tenant_usage
                  WHERE metric = %(metric)s AND period = 'day'
                    AND period_start = (now() AT TIME ZONE 'utc')::date), 0)::bigint
