// supabase-js against a running VITAL, driven by tests/api/test_storage.py: each step of SCENARIO runs
// in order with the signed-in client and puts what it saw under its name; the whole is printed as JSON
// for the test to assert on. To add a step (e.g. `.rpc('match_documents', ...)`), add one entry.
//
// Environment: VITAL_URL (http://acme.localhost:PORT), VITAL_ANON_KEY, VITAL_EMAIL, VITAL_PASSWORD.
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

const supabase = createClient(process.env.VITAL_URL, process.env.VITAL_ANON_KEY, {
  global: { fetch: fetchViaLoopback },
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: WebSocket },
})

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
