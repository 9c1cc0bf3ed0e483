import { it } from 'vitest'
import { startServer } from '../../server/server.ts'
import { Engine } from '../../worker/engine.ts'
import { RawClient } from '../helpers/redis-server.ts'
it('debug', async () => {
  const server = await startServer({ port: 0, host: '127.0.0.1', engine: new Engine() })
  const a = await RawClient.connect(server.port), b = await RawClient.connect(server.port)
  console.log(await a.call(['CONFIG', 'SET', 'busy-reply-threshold', '100']))
  const p = a.call(['EVAL', 'local n = 0\nwhile true do\n  pcall(function() while true do end end)\n  n = n + 1\nend', '0'])
  await new Promise((r) => setTimeout(r, 30))
  console.log('sent')
  console.log(await b.call(['PING']))
  console.log(await b.call(['SCRIPT', 'KILL']))
  console.log(await Promise.race([p, new Promise((r) => setTimeout(() => r('TIMEOUT'), 3000))]))
  a.close(); b.close(); await server.close()
}, 20000)
