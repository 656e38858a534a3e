SELECT day, metric, value FROM public.usage_metrics
 WHERE day BETWEEN %(since)s AND %(until)s
 ORDER BY day, metric
