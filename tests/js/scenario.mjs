// supabase-js against a running VITAL, driven by tests/api/test_storage.py: each step of SCENARIO runs
// in order with the signed-in client and puts what it saw under its name; the whole is printed as JSON
// for the test to assert on. To add a step, add one entry.
//
// Environment: VITAL_URL (http://acme.localhost:PORT), VITAL_ANON_KEY, VITAL_EMAIL, VITAL_PASSWORD; and
// another tenant's VITAL_OTHER_URL and VITAL_OTHER_EMAIL (same password) for the isolation check.
// `*.localhost` does not resolve through glibc, so every connection goes to loopback through an undici
// Agent whose lookup answers 127.0.0.1 (a developer can instead add `127.0.0.1 acme.localhost` to
// /etc/hosts). Realtime is not served by VITAL; `ws` is only the transport supabase-js wants on Node 20.
import { createClient } from '@supabase/supabase-js'
import { Agent, fetch as undiciFetch } from 'undici'
import WebSocket from 'ws'

const loopback = new Agent({
  connect: {
    lookup: (hostname, options, callback) =>
      options && options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
  },
})
const fetchViaLoopback = (input, init = {}) => undiciFetch(input, { ...init, dispatcher: loopback })

const connect = (url) => createClient(url, process.env.VITAL_ANON_KEY, {
  global: { fetch: fetchViaLoopback },
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: WebSocket },
})
const supabase = connect(process.env.VITAL_URL)
const NOTE = "Acme's axolotl sterility assay releases a lot only after fourteen days of incubation."
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// VITAL's own endpoints beside the Supabase ones (query vectors, search), with the signed-in session
async function vital(client, url, path, body) {
  const { data: { session } } = await client.auth.getSession()
  const response = await fetchViaLoopback(`${url}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.access_token}` },
  })
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return response.json()
}

function check({ data, error }) {
  if (error) throw new Error(JSON.stringify(error))
  return data
}

const SCENARIO = {
  async signIn(ctx) {
    const data = check(await supabase.auth.signInWithPassword({
      email: process.env.VITAL_EMAIL, password: process.env.VITAL_PASSWORD }))
    ctx.tenantId = data.user.app_metadata.tenant_id
    return { email: data.user.email }
  },
  async select() {
    const rows = check(await supabase.from('agents').select('slug, agent_levels(name)').limit(5))
    return { rows: rows.length, embedded: rows.every((r) => r.agent_levels && r.agent_levels.name) }
  },
  async manyToMany() {
    // agents ↔ tools through the junction table agent_tools, embedded as a list of tools
    const rows = check(await supabase.from('agents').select('slug, tools(name), agent_tools(tool_id)')
      .eq('slug', 'fda-regulatory-strategist'))
    return { counts: rows.map((r) => [r.tools.length, r.agent_tools.length]),
             namesOnly: rows.every((r) => r.tools.every((t) => Object.keys(t).join() === 'name')) }
  },
  async jsonPath() {
    const rows = check(await supabase.from('agents')
      .select('slug, top_p:settings->top_p, kind:settings->response_format->>type')
      .eq('settings->>top_p', '0.9').order('slug'))
    return { rows: rows.length, topP: [...new Set(rows.map((r) => r.top_p))],
             kinds: [...new Set(rows.map((r) => r.kind))] }
  },
  async aggregate() {
    const grouped = check(await supabase.from('agents').select('tier, count()').order('tier'))
    const { count, error } = await supabase.from('agents').select('id', { count: 'exact', head: true })
    if (error) throw new Error(JSON.stringify(error))
    return { groups: grouped.length, summed: grouped.reduce((n, r) => n + r.count, 0), count }
  },
  async rangeCount() {
    const { data, count, error } = await supabase.from('agents').select('slug', { count: 'exact' })
      .eq('status', 'active').order('slug', { ascending: false }).range(1, 3)
    if (error) throw new Error(JSON.stringify(error))
    const slugs = data.map((r) => r.slug)
    return { rows: slugs.length, count, descending: slugs.join() === [...slugs].sort().reverse().join() }
  },
  async upsert(ctx) {
    const tags = supabase.from('tags')
    check(await tags.insert({ tenant_id: ctx.tenantId, slug: 'js-upsert', name: 'Before' }))
    const upserted = check(await supabase.from('tags')
      .upsert({ tenant_id: ctx.tenantId, slug: 'js-upsert', name: 'After' }, { onConflict: 'tenant_id,slug' })
      .select('slug, name'))
    const kept = check(await supabase.from('tags').select('name').eq('slug', 'js-upsert'))
    check(await supabase.from('tags').delete().eq('slug', 'js-upsert'))
    return { upserted, rows: kept.length }
  },
  async write(ctx) {
    const inserted = check(await supabase.from('tags')
      .insert({ tenant_id: ctx.tenantId, slug: 'js-scenario', name: 'JS scenario' }).select('id, slug').single())
    const updated = check(await supabase.from('tags').update({ name: 'JS scenario, renamed' })
      .eq('id', inserted.id).select('name').single())
    const deleted = check(await supabase.from('tags').delete().eq('id', inserted.id).select('id'))
    return { inserted: inserted.slug, updated: updated.name, deleted: deleted.length }
  },
  async storage() {
    const box = supabase.storage.from('documents')
    const uploaded = check(await box.upload('js/hello.txt', Buffer.from('hello from supabase-js'),
      { contentType: 'text/plain', upsert: true }))
    // a Blob goes as multipart/form-data, with its metadata beside it
    check(await box.upload('js/note.txt', new Blob(['a note'], { type: 'text/plain' }),
      { upsert: true, metadata: { from: 'supabase-js' } }))
    const listed = check(await box.list('js'))
    const blob = check(await box.download('js/hello.txt'))
    const info = check(await box.info('js/note.txt'))
    const removed = check(await box.remove(['js/hello.txt', 'js/note.txt']))
    return { uploaded: uploaded.path, listed: listed.map((e) => e.name), downloaded: await blob.text(),
             metadata: info.metadata, removed: removed.map((r) => r.name).sort() }
  },
  async ingest() {
    // an upload into `documents` is ingested by a worker; poll its status, then search for it
    const box = supabase.storage.from('documents')
    check(await box.upload('js/axolotl.md', Buffer.from(`# Sterility release\n\n${NOTE}\n`),
      { contentType: 'text/markdown', upsert: true }))
    let info
    for (let tries = 0; tries < 300; tries++) {
      info = check(await box.info('js/axolotl.md'))
      if (info.ingestion && !['queued', 'running'].includes(info.ingestion.status)) break
      await sleep(200)
    }
    const found = await vital(supabase, process.env.VITAL_URL, '/api/v1/search',
      { query: 'axolotl sterility incubation', strategy: 'fulltext', k: 3 })
    return { status: info.ingestion && info.ingestion.status, document: Boolean(info.documentId || info.document_id),
             found: found.results.length > 0 && found.results[0].document.title }
  },
  async rpc(ctx) {
    const made = await vital(supabase, process.env.VITAL_URL, '/api/v1/embeddings', { input: NOTE })
    const vector = made.data[0].embedding
    const hits = check(await supabase.rpc('match_documents', { query_embedding: vector, match_count: 20 }))
    const other = connect(process.env.VITAL_OTHER_URL)
    const theirs = check(await other.auth.signInWithPassword({
      email: process.env.VITAL_OTHER_EMAIL, password: process.env.VITAL_PASSWORD }))
    const seen = check(await other.rpc('match_documents', { query_embedding: vector, match_count: 50 }))
    return {
      top: hits[0].content, dimensions: vector.length,
      tenants: [...new Set(hits.map((h) => h.tenant_id === ctx.tenantId ? 'own' : h.tenant_id))].sort(),
      other: { rows: seen.length, acmes: seen.filter((h) => h.tenant_id === ctx.tenantId).length,
               tenants: [...new Set(seen.map((h) => h.tenant_id === theirs.user.app_metadata.tenant_id
                 ? 'own' : h.tenant_id))].sort() },
    }
  },
}

const results = {}
const ctx = {}
for (const [name, step] of Object.entries(SCENARIO)) {
  try {
    results[name] = await step(ctx)
  } catch (error) {
    console.error(`step ${name} failed: ${error.message}`)
    process.exit(1)
  }
}
console.log(JSON.stringify(results))
