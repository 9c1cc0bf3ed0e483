// INFO: the server's report in Redis 7.0's text format ('# Section' headers, 'field:value'
// lines, CRLF endings, a blank line between sections). Counters come from the engine; what a
// playground has no equivalent for (forks, replication, allocator) carries the value an idle
// Redis would show; memory is a rough estimate from the key counts.
import type { Context, Engine, Handler } from '../engine.ts'
import { verbatim } from '../reply.ts'
import { configNumber } from '../config.ts'
import { REDIS_VERSION } from './connection.ts'
import { withPersistenceValues } from './persistence.ts'

type Fields = Array<[field: string, value: string | number]>

/** The sections in the order Redis prints them; `inDefault` ones make up a bare INFO. */
const SECTIONS: Array<{ name: string; title: string; inDefault: boolean; fields: (ctx: Context) => Fields }> = [
  { name: 'server', title: 'Server', inDefault: true, fields: serverSection },
  { name: 'clients', title: 'Clients', inDefault: true, fields: clientsSection },
  { name: 'memory', title: 'Memory', inDefault: true, fields: memorySection },
  { name: 'persistence', title: 'Persistence', inDefault: true, fields: persistenceSection },
  { name: 'stats', title: 'Stats', inDefault: true, fields: statsSection },
  { name: 'replication', title: 'Replication', inDefault: true, fields: replicationSection },
  { name: 'cpu', title: 'CPU', inDefault: true, fields: cpuSection },
  { name: 'modules', title: 'Modules', inDefault: true, fields: () => [] },
  { name: 'commandstats', title: 'Commandstats', inDefault: false, fields: commandStatsSection },
  { name: 'errorstats', title: 'Errorstats', inDefault: true, fields: errorStatsSection },
  { name: 'latencystats', title: 'Latencystats', inDefault: false, fields: latencyStatsSection },
  { name: 'cluster', title: 'Cluster', inDefault: true, fields: () => [['cluster_enabled', 0]] },
  { name: 'keyspace', title: 'Keyspace', inDefault: true, fields: keyspaceSection },
]

/** Which sections the arguments ask for: names, 'default', 'all' or 'everything'; unknown names are ignored. */
function chosenSections(args: string[]): Set<string> {
  const chosen = new Set<string>()
  const words = args.length === 0 ? ['default'] : args.map((arg) => arg.toLowerCase())
  for (const word of words) {
    if (word === 'all' || word === 'everything') {
      for (const section of SECTIONS) chosen.add(section.name)
    } else if (word === 'default') {
      for (const section of SECTIONS) if (section.inDefault) chosen.add(section.name)
    } else {
      chosen.add(word)
    }
  }
  return chosen
}

export function infoText(ctx: Context, args: string[]): string {
  const chosen = chosenSections(args)
  const parts: string[] = []
  for (const section of SECTIONS) {
    if (!chosen.has(section.name)) continue
    const lines = section.fields(ctx).map(([field, value]) => `${field}:${value}\r\n`)
    parts.push(`# ${section.title}\r\n${lines.join('')}`)
  }
  return parts.join('\r\n')
}

export const infoHandlers: Record<string, Handler> = {
  info: (ctx, args) => verbatim(infoText(ctx, args)),
}

/** A stable 40-hex-digit identifier for this engine (run_id, master_replid). */
function engineId(engine: Engine, salt: number): string {
  let out = ''
  let state = (Math.floor(engine.startedAt) ^ salt) >>> 0
  while (out.length < 40) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    out += (state >>> 4).toString(16).padStart(7, '0').slice(0, 5)
  }
  return out.slice(0, 40)
}

const seconds = (ms: number) => Math.floor(ms / 1000)

function serverSection(ctx: Context): Fields {
  const { engine, now } = ctx
  const uptime = seconds(now - engine.startedAt)
  const hz = configNumber(engine.config, 'hz')
  return [
    ['redis_version', REDIS_VERSION],
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', engineId(engine, 7).slice(0, 15)],
    ['redis_mode', 'standalone'],
    ['os', 'Redis Playground (JavaScript)'],
    ['arch_bits', 64],
    ['monotonic_clock', 'POSIX clock_gettime'],
    ['multiplexing_api', 'epoll'],
    ['atomicvar_api', 'c11-builtin'],
    ['gcc_version', '0.0.0'],
    ['process_id', 1],
    ['process_supervised', 'no'],
    ['run_id', engineId(engine, 1)],
    ['tcp_port', ctx.client.laddr.slice(ctx.client.laddr.lastIndexOf(':') + 1)],
    ['server_time_usec', now * 1000],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', hz],
    ['configured_hz', hz],
    // Redis's LRU clock: seconds, 24 bits.
    ['lru_clock', seconds(now) & 0xffffff],
    ['executable', '/usr/bin/redis-server'],
    ['config_file', ''],
    ['io_threads_active', 0],
  ]
}

function clientsSection(ctx: Context): Fields {
  return [
    ['connected_clients', ctx.engine.clients.size],
    ['cluster_connections', 0],
    ['maxclients', ctx.engine.config.get('maxclients') ?? '10000'],
    ['client_recent_max_input_buffer', 20474],
    ['client_recent_max_output_buffer', 0],
    // Clients held by CLIENT PAUSE count as blocked too, as in Redis; they wait without a timeout.
    ['blocked_clients', ctx.engine.blocking.size + ctx.engine.pause.size],
    ['tracking_clients', 0],
    ['clients_in_timeout_table', ctx.engine.blocking.timed],
  ]
}

/** Redis's bytesToHuman. */
function human(bytes: number): string {
  const units = ['K', 'M', 'G', 'T', 'P']
  if (bytes < 1024) return `${bytes}B`
  for (let i = 0; i < units.length; i++) {
    if (bytes < 1024 ** (i + 2)) return `${(bytes / 1024 ** (i + 1)).toFixed(2)}${units[i]}`
  }
  return `${bytes}B`
}

/** What an empty Redis 7.0 uses at startup, and for each connection. */
const STARTUP_MEMORY = 876064
const CLIENT_MEMORY = 17160
/** A rough average footprint of one small key with its value in Redis. */
const KEY_MEMORY = 72

function memorySection(ctx: Context): Fields {
  const { engine } = ctx
  let keys = 0
  for (const db of engine.databases) keys += db.size
  const clients = engine.clients.size * CLIENT_MEMORY
  const overhead = STARTUP_MEMORY + clients
  const dataset = keys * KEY_MEMORY
  const used = overhead + dataset
  const rss = Math.ceil((used * 1.5) / 4096) * 4096
  const maxmemory = configNumber(engine.config, 'maxmemory')
  const percent = (part: number, whole: number) => `${whole === 0 ? '0.00' : ((part * 100) / whole).toFixed(2)}%`
  return [
    ['used_memory', used],
    ['used_memory_human', human(used)],
    ['used_memory_rss', rss],
    ['used_memory_rss_human', human(rss)],
    ['used_memory_peak', used],
    ['used_memory_peak_human', human(used)],
    ['used_memory_peak_perc', '100.00%'],
    ['used_memory_overhead', overhead],
    ['used_memory_startup', STARTUP_MEMORY],
    ['used_memory_dataset', dataset],
    ['used_memory_dataset_perc', percent(dataset, used - STARTUP_MEMORY)],
    ['allocator_allocated', used],
    ['allocator_active', used],
    ['allocator_resident', rss],
    ['total_system_memory', 0],
    ['total_system_memory_human', '0B'],
    ['used_memory_lua', 32768],
    ['used_memory_vm_eval', 32768],
    ['used_memory_lua_human', '32.00K'],
    ['used_memory_scripts_eval', 0],
    ['number_of_cached_scripts', 0],
    ['number_of_functions', 0],
    ['number_of_libraries', 0],
    ['used_memory_vm_functions', 32768],
    ['used_memory_vm_total', 65536],
    ['used_memory_vm_total_human', '64.00K'],
    ['used_memory_functions', 184],
    ['used_memory_scripts', 184],
    ['used_memory_scripts_human', '184B'],
    ['maxmemory', maxmemory],
    ['maxmemory_human', human(maxmemory)],
    ['maxmemory_policy', engine.config.get('maxmemory-policy') ?? 'noeviction'],
    ['allocator_frag_ratio', '1.00'],
    ['allocator_frag_bytes', 0],
    ['allocator_rss_ratio', (rss / used).toFixed(2)],
    ['allocator_rss_bytes', rss - used],
    ['rss_overhead_ratio', '1.00'],
    ['rss_overhead_bytes', 0],
    ['mem_fragmentation_ratio', (rss / used).toFixed(2)],
    ['mem_fragmentation_bytes', rss - used],
    ['mem_not_counted_for_evict', 0],
    ['mem_replication_backlog', 0],
    ['mem_total_replication_buffers', 0],
    ['mem_clients_slaves', 0],
    ['mem_clients_normal', clients],
    ['mem_cluster_links', 0],
    ['mem_aof_buffer', 0],
    ['mem_allocator', 'libc'],
    ['active_defrag_running', 0],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', 0],
  ]
}

function persistenceSection(ctx: Context): Fields {
  return withPersistenceValues(ctx.engine, [
    ['loading', 0],
    ['async_loading', 0],
    ['current_cow_peak', 0],
    ['current_cow_size', 0],
    ['current_cow_size_age', 0],
    ['current_fork_perc', '0.00'],
    ['current_save_keys_processed', 0],
    ['current_save_keys_total', 0],
    ['rdb_changes_since_last_save', 0],
    ['rdb_bgsave_in_progress', 0],
    ['rdb_last_save_time', seconds(ctx.engine.startedAt)],
    ['rdb_last_bgsave_status', 'ok'],
    ['rdb_last_bgsave_time_sec', -1],
    ['rdb_current_bgsave_time_sec', -1],
    ['rdb_saves', 0],
    ['rdb_last_cow_size', 0],
    ['rdb_last_load_keys_expired', 0],
    ['rdb_last_load_keys_loaded', 0],
    ['aof_enabled', 0],
    ['aof_rewrite_in_progress', 0],
    ['aof_rewrite_scheduled', 0],
    ['aof_last_rewrite_time_sec', -1],
    ['aof_current_rewrite_time_sec', -1],
    ['aof_last_bgrewrite_status', 'ok'],
    ['aof_rewrites', 0],
    ['aof_rewrites_consecutive_failures', 0],
    ['aof_last_write_status', 'ok'],
    ['aof_last_cow_size', 0],
    ['module_fork_in_progress', 0],
    ['module_fork_last_cow_size', 0],
  ])
}

function statsSection(ctx: Context): Fields {
  const { engine } = ctx
  return [
    ['total_connections_received', engine.stats.connectionsReceived],
    ['total_commands_processed', engine.commandsProcessed],
    ['instantaneous_ops_per_sec', 0],
    ['total_net_input_bytes', 0],
    ['total_net_output_bytes', 0],
    ['total_net_repl_input_bytes', 0],
    ['total_net_repl_output_bytes', 0],
    ['instantaneous_input_kbps', '0.00'],
    ['instantaneous_output_kbps', '0.00'],
    ['instantaneous_input_repl_kbps', '0.00'],
    ['instantaneous_output_repl_kbps', '0.00'],
    ['rejected_connections', 0],
    ['sync_full', 0],
    ['sync_partial_ok', 0],
    ['sync_partial_err', 0],
    ['expired_keys', engine.stats.expiredKeys],
    ['expired_stale_perc', '0.00'],
    ['expired_time_cap_reached_count', 0],
    ['expire_cycle_cpu_milliseconds', 0],
    ['evicted_keys', 0],
    ['evicted_clients', 0],
    ['total_eviction_exceeded_time', 0],
    ['current_eviction_exceeded_time', 0],
    ['keyspace_hits', engine.stats.keyspaceHits],
    ['keyspace_misses', engine.stats.keyspaceMisses],
    ['pubsub_channels', engine.pubsub.size('channel')],
    ['pubsub_patterns', engine.pubsub.size('pattern')],
    ['pubsubshard_channels', engine.pubsub.size('shard')],
    ['latest_fork_usec', 0],
    ['total_forks', 0],
    ['migrate_cached_sockets', 0],
    ['slave_expires_tracked_keys', 0],
    ['active_defrag_hits', 0],
    ['active_defrag_misses', 0],
    ['active_defrag_key_hits', 0],
    ['active_defrag_key_misses', 0],
    ['total_active_defrag_time', 0],
    ['current_active_defrag_time', 0],
    ['tracking_total_keys', 0],
    ['tracking_total_items', 0],
    ['tracking_total_prefixes', 0],
    ['unexpected_error_replies', 0],
    ['total_error_replies', engine.stats.errorReplies],
    ['dump_payload_sanitizations', 0],
    ['total_reads_processed', engine.commandsProcessed],
    ['total_writes_processed', engine.commandsProcessed],
    ['io_threaded_reads_processed', 0],
    ['io_threaded_writes_processed', 0],
    ['reply_buffer_shrinks', 0],
    ['reply_buffer_expands', 0],
  ]
}

function replicationSection(ctx: Context): Fields {
  return [
    ['role', 'master'],
    ['connected_slaves', 0],
    ['master_failover_state', 'no-failover'],
    ['master_replid', engineId(ctx.engine, 2)],
    ['master_replid2', '0'.repeat(40)],
    ['master_repl_offset', 0],
    ['second_repl_offset', -1],
    ['repl_backlog_active', 0],
    ['repl_backlog_size', 1048576],
    ['repl_backlog_first_byte_offset', 0],
    ['repl_backlog_histlen', 0],
  ]
}

function cpuSection(ctx: Context): Fields {
  // No process to measure: an estimate of 10 microseconds per command processed.
  const used = (ctx.engine.commandsProcessed * 0.00001).toFixed(6)
  return [
    ['used_cpu_sys', used],
    ['used_cpu_user', used],
    ['used_cpu_sys_children', '0.000000'],
    ['used_cpu_user_children', '0.000000'],
    ['used_cpu_sys_main_thread', used],
    ['used_cpu_user_main_thread', used],
  ]
}

function commandStatsSection(ctx: Context): Fields {
  const fields: Fields = []
  for (const [name, stats] of ctx.engine.commandStats) {
    if (stats.calls === 0 && stats.rejected === 0 && stats.failed === 0) continue
    const perCall = stats.calls === 0 ? 0 : stats.usec / stats.calls
    fields.push([
      `cmdstat_${name}`,
      `calls=${stats.calls},usec=${stats.usec},usec_per_call=${perCall.toFixed(2)},rejected_calls=${stats.rejected},failed_calls=${stats.failed}`,
    ])
  }
  return fields
}

function errorStatsSection(ctx: Context): Fields {
  // Redis keeps error codes in a radix tree: they come out sorted.
  return [...ctx.engine.errorStats].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, count]): [string, string] => [`errorstat_${code}`, `count=${count}`])
}

/** No per-call timings in the playground: every call shows Redis's smallest histogram bucket. */
function latencyStatsSection(ctx: Context): Fields {
  const fields: Fields = []
  for (const [name, stats] of ctx.engine.commandStats) {
    if (stats.calls === 0) continue
    fields.push([`latency_percentiles_usec_${name}`, 'p50=1.003,p99=1.003,p99.9=1.003'])
  }
  return fields
}

/** avg_ttl is Redis's running estimate from its expiry sampling; the playground reports 0 (not yet sampled). */
function keyspaceSection(ctx: Context): Fields {
  const fields: Fields = []
  for (const db of ctx.engine.databases) {
    if (db.size === 0) continue
    fields.push([`db${db.index}`, `keys=${db.size},expires=${db.expiresCount},avg_ttl=0`])
  }
  return fields
}
