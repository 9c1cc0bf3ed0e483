// A small static file server for the built site (dist/): the browser tests and the browser
// benchmark open the playground from it, as a user opens it from any static host.
import { createServer, type Server } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'

const MIME_TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
  ['.webmanifest', 'application/manifest+json; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.woff2', 'font/woff2'],
  ['.wasm', 'application/wasm'],
  ['.md', 'text/markdown; charset=utf-8'],
  ['.txt', 'text/plain; charset=utf-8'],
])

export interface StaticServer {
  /** The site's address, ending with a slash: http://127.0.0.1:PORT/ */
  url: string
  close(): Promise<void>
}

/** The file a URL path names inside `root`, or undefined when it would leave it. */
function fileFor(root: string, urlPath: string): string | undefined {
  let path: string
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0])
  } catch {
    return undefined
  }
  if (path.endsWith('/')) path += 'index.html'
  const file = normalize(join(root, path))
  return file === root || file.startsWith(root + sep) ? file : undefined
}

export interface ServeOptions {
  /**
   * Send COOP/COEP headers so the page is cross-origin isolated: performance.now() then has a
   * resolution of microseconds instead of 100 µs (the browser benchmark times sub-millisecond trips).
   */
  crossOriginIsolated?: boolean
}

/** Serves `directory` on a free loopback port. */
export async function serveStatic(directory: string, options: ServeOptions = {}): Promise<StaticServer> {
  const root = resolve(directory)
  const isolation: Record<string, string> = options.crossOriginIsolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {}
  const server: Server = createServer((request, response) => {
    void (async () => {
      const file = fileFor(root, request.url ?? '/')
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end()
        return
      }
      if (file === undefined) {
        response.writeHead(400).end('Bad request')
        return
      }
      try {
        if (!(await stat(file)).isFile()) throw new Error('not a file')
        const body = await readFile(file)
        response.writeHead(200, {
          'content-type': MIME_TYPES.get(extname(file).toLowerCase()) ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': 'no-cache',
          ...isolation,
        })
        response.end(request.method === 'HEAD' ? undefined : body)
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
      }
    })()
  })
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', done)
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the static server has no port')
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
