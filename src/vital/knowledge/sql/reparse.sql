-- Re-parsing documents from their stored originals (reparse.py), inside tenant_transaction:
-- RLS applies, and only the caller's own documents are candidates (the platform library
-- keeps no originals). The original is the object linked to the document whose bytes are
-- the document's current ones (storage_objects.content_hash = rag_documents.content_hash).

-- name: candidates
-- The documents to re-parse (one, or all of the tenant's), and whether each has its original.
SELECT d.id, d.title, d.source_ref, d.version,
       EXISTS (SELECT FROM public.storage_objects o
                WHERE o.tenant_id = d.tenant_id AND o.document_id = d.id
                  AND o.content_hash = d.content_hash) AS has_original
  FROM public.rag_documents d
 WHERE d.tenant_id = (SELECT auth.tenant_id()) AND d.deleted_at IS NULL
   AND (%(document)s::uuid IS NULL OR d.id = %(document)s::uuid)
 ORDER BY d.source_ref, d.id;

-- name: original
SELECT d.id, d.title, d.source_ref, d.content_hash, d.version, o.data, o.mime_type,
       ARRAY(SELECT k.slug
               FROM public.rag_document_domains dd
               JOIN public.knowledge_domains k ON k.tenant_id = dd.domain_tenant_id AND k.id = dd.domain_id
              WHERE dd.tenant_id = d.tenant_id AND dd.document_id = d.id
              ORDER BY dd.is_primary DESC, k.slug) AS domains
  FROM public.rag_documents d
  LEFT JOIN LATERAL (SELECT o.data, o.mime_type
                       FROM public.storage_objects o
                      WHERE o.tenant_id = d.tenant_id AND o.document_id = d.id
                        AND o.content_hash = d.content_hash
                      LIMIT 1) o ON true
 WHERE d.tenant_id = (SELECT auth.tenant_id()) AND d.id = %(id)s AND d.deleted_at IS NULL;

-- name: document_update
-- Same id, same bytes: new text (the versioning trigger keeps the old one as a version when it
-- changed). Only while the document still has the bytes that were parsed: a new upload meanwhile wins.
UPDATE public.rag_documents
   SET title = %(title)s, content = %(content)s, mime_type = %(mime_type)s,
       metadata = (metadata - 'skipped_pages') || %(metadata)s::jsonb, status = 'ready'
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(id)s AND content_hash = %(content_hash)s
   AND deleted_at IS NULL
RETURNING id, version;
