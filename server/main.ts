// `npm run server -- --port 6379 --host 127.0.0.1`: serves one engine over the Redis protocol,
// so redis-cli, redis-benchmark and client libraries can talk to it.
import { parseArgs } from 'node:util'
import { startServer } from './server.ts'

const USAGE = 'usage: npm run server -- [--port 6379] [--host 127.0.0.1]'

function options(): { port: number; host: string } {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '6379' }, host: { type: 'string', default: '127.0.0.1' }, help: { type: 'boolean' } },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const port = Number(values.port)
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`invalid port ${JSON.stringify(values.port)}`)
  return { port, host: values.host }
}

try {
  const server = await startServer(options())
  // SHUTDOWN (with or without NOSAVE: nothing is stored here) ends the process, as it ends Redis.
  server.engine.shutdown = () => {
    void server.close().then(() => process.exit(0))
  }
  const host = server.host.includes(':') ? `[${server.host}]` : server.host
  console.log(`Redis Playground engine listening on ${host}:${server.port} (try: redis-cli -h ${server.host} -p ${server.port})`)
} catch (error) {
  console.error(`redis-playground server: ${error instanceof Error ? error.message : String(error)}`)
  console.error(USAGE)
  process.exit(1)
}
