SELECT status, current_round FROM public.panel_sessions WHERE id = %(panel_id)s AND deleted_at IS NULL FOR UPDATE
