// `npm run bench:browser`: the playground in Chromium, measured as a user feels it. Builds the
// site, serves it (cross-origin isolated, so performance.now() has microsecond resolution) and
// times: one command's round trip through the worker, 10,000 pasted commands end to end,
// restoring a 100,000-key workspace after a reload, and the longest main-thread task while the
// worker runs a 1e6-element ZADD loop. A benchmark, not a test: it prints numbers against the
// targets and asserts nothing.
import { cpus, loadavg } from 'node:os'
import type { Browser, Page } from 'playwright-core'
import type {} from '../../src/console/playground.ts'
import { CHROMIUM_SKIP_MESSAGE, HAS_CHROMIUM, launchChromium } from '../e2e/chromium.ts'
import { buildAndServe } from '../e2e/site.ts'
import { table } from './report.ts'

const ROUND_TRIP_WARMUP = 1_000
const ROUND_TRIPS = 5_000
const PASTED_LINES = 10_000
const RESTORE_KEYS = 100_000
const RESTORE_RUNS = 3
const ZADD_MEMBERS = 1_000_000
const ZADD_BATCH = 1_000
/** ZADD batches in flight at once, so the worker never waits for the page. */
const ZADD_IN_FLIGHT = 4

const TARGETS = {
  p50: 0.3,
  p99: 2,
  restore: 1_000,
  longTask: 50,
}

const startedAt = Date.now()
/** Progress on stderr, with seconds since the start (stdout carries only the report). */
const log = (text: string) => process.stderr.write(`[${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${text}\n`)

interface Row {
  measure: string
  value: string
  target: string
  met: boolean | undefined
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

const ms = (value: number, digits = 3) => `${value.toFixed(digits)} ms`

async function open(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  // tsx keeps function names with an __name helper that the functions evaluated in the page call.
  await context.addInitScript('globalThis.__name = (target) => target')
  const page = await context.newPage()
  page.on('pageerror', (error) => log(`page error: ${error.message}`))
  await page.goto(url)
  await page.waitForFunction(() => window.playground !== undefined)
  await page.evaluate(() => window.playground.ready)
  return page
}

/** Sequential round trips of GET through the EngineClient, or through window.playground.exec. */
async function roundTrips(page: Page, via: 'engine' | 'exec'): Promise<{ p50: number; p99: number; mean: number }> {
  const times = await page.evaluate(
    async ({ via, warmup, count }) => {
      const { engine } = window.playground
      const client = await engine.createClient('bench')
      await engine.exec(client, ['SET', 'rt', 'value'])
      const times: number[] = []
      for (let i = 0; i < warmup + count; i++) {
        const start = performance.now()
        if (via === 'engine') await engine.exec(client, ['GET', 'rt'])
        else await window.playground.exec('GET rt')
        if (i >= warmup) times.push(performance.now() - start)
      }
      await engine.closeClient(client)
      return times
    },
    { via, warmup: ROUND_TRIP_WARMUP, count: ROUND_TRIPS },
  )
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((a, b) => a + b, 0) / times.length }
}

/** Pastes PASTED_LINES commands into the command line; time until the last one's output is on screen. */
async function paste(page: Page): Promise<{ ms: number; longest: number; check: string }> {
  const result = await page.evaluate(async (count) => {
    const lines: string[] = []
    for (let i = 0; i < count - 1; i++) lines.push(`SET paste:${i} ${i}`)
    lines.push('ECHO paste-finished')
    const input = document.querySelector<HTMLElement>('[role="textbox"][aria-label="Command"]')
    const output = document.querySelector<HTMLElement>('[role="log"][aria-label="Console output"]')
    if (input === null || output === null) throw new Error('the command line or the output is missing')
    input.focus()
    const tasks: number[] = []
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration)))
    observer.observe({ type: 'longtask' })
    const data = new DataTransfer()
    data.setData('text/plain', `${lines.join('\n')}\n`)
    const start = performance.now()
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    await new Promise<void>((done) => {
      const check = () => ((output.textContent ?? '').includes('"paste-finished"') ? done() : requestAnimationFrame(check))
      check()
    })
    const elapsed = performance.now() - start
    observer.takeRecords().forEach((entry) => tasks.push(entry.duration))
    observer.disconnect()
    return { ms: elapsed, longest: Math.max(0, ...tasks) }
  }, PASTED_LINES)
  const check = await page.evaluate((last) => window.playground.exec(`GET paste:${last}`), PASTED_LINES - 2)
  return { ...result, check }
}

/** Fills RESTORE_KEYS string keys, waits until they are stored, then times reloads until the data is usable. */
async function restore(page: Page): Promise<{ runs: number[]; ready: number[]; dbsize: string }> {
  await page.evaluate(async (count) => {
    const { engine } = window.playground
    const client = await engine.createClient('bench-fill')
    for (let start = 0; start < count; start += 1_000) {
      const argv = ['MSET']
      for (let i = start; i < Math.min(start + 1_000, count); i++) argv.push(`key:${i}`, `value:${i}`)
      await engine.exec(client, argv)
    }
    await engine.closeClient(client)
    await engine.flush()
  }, RESTORE_KEYS)
  const runs: number[] = []
  const ready: number[] = []
  let dbsize = ''
  for (let run = 0; run < RESTORE_RUNS; run++) {
    await page.reload({ waitUntil: 'commit' })
    await page.waitForFunction(() => window.playground !== undefined, undefined, { polling: 5 })
    // performance.now() counts from the navigation's start.
    const times = await page.evaluate(async (last) => {
      await window.playground.ready
      const ready = performance.now()
      const value = await window.playground.exec(`GET key:${last}`)
      if (value !== `"value:${last}"`) throw new Error(`GET key:${last} answered ${value}`)
      return { ready, usable: performance.now() }
    }, RESTORE_KEYS - 1)
    runs.push(times.usable)
    ready.push(times.ready)
    dbsize = await page.evaluate(() => window.playground.exec('DBSIZE'))
  }
  return { runs, ready, dbsize }
}

/** Time from navigation to a usable empty workspace, for comparison with the restore. */
async function emptyStart(page: Page): Promise<number> {
  await page.reload({ waitUntil: 'commit' })
  await page.waitForFunction(() => window.playground !== undefined, undefined, { polling: 5 })
  return page.evaluate(async () => {
    await window.playground.ready
    await window.playground.exec('PING')
    return performance.now()
  })
}

/** Runs a 1e6-element ZADD loop in batches while recording main-thread long tasks and frame gaps. */
async function zaddLoop(page: Page): Promise<{ ms: number; longest: number; tasks: number; frameGap: number; card: string }> {
  return page.evaluate(
    async ({ members, batch, inFlight }) => {
      const { engine } = window.playground
      const client = await engine.createClient('bench-zadd')
      const tasks: number[] = []
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration)))
      observer.observe({ type: 'longtask' })
      let frameGap = 0
      let last = performance.now()
      let frames = true
      const frame = (now: number) => {
        frameGap = Math.max(frameGap, now - last)
        last = now
        if (frames) requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
      const start = performance.now()
      let next = 0
      const sender = async () => {
        while (next < members) {
          const from = next
          next += batch
          const argv = ['ZADD', 'bench:z']
          // Scores in a scrambled order, so members land all over the sorted set.
          for (let i = from; i < Math.min(from + batch, members); i++) argv.push(String((i * 7_919) % 1_000_003), `member:${i}`)
          const result = await engine.exec(client, argv)
          if (result.kind === 'error') throw new Error(result.text)
        }
      }
      await Promise.all(Array.from({ length: inFlight }, sender))
      const elapsed = performance.now() - start
      const card = (await engine.exec(client, ['ZCARD', 'bench:z'])).text
      // The key browser's refresh and the persistence that follow the loop count too.
      await new Promise((done) => setTimeout(done, 1_500))
      frames = false
      observer.takeRecords().forEach((entry) => tasks.push(entry.duration))
      observer.disconnect()
      await engine.closeClient(client)
      return { ms: elapsed, longest: Math.max(0, ...tasks), tasks: tasks.length, frameGap, card }
    },
    { members: ZADD_MEMBERS, batch: ZADD_BATCH, inFlight: ZADD_IN_FLIGHT },
  )
}

async function main(): Promise<void> {
  if (!HAS_CHROMIUM) {
    console.log(CHROMIUM_SKIP_MESSAGE)
    return
  }
  const load = loadavg()[0]
  log('building the site (vite build -> dist/)')
  const server = await buildAndServe({ crossOriginIsolated: true })
  const browser = await launchChromium()
  const rows: Row[] = []
  try {
    log(`serving ${server.url}; Chromium ${browser.version()}`)

    let page = await open(browser, server.url)
    const isolated = await page.evaluate(() => crossOriginIsolated)
    log(`round trips (${ROUND_TRIPS} after ${ROUND_TRIP_WARMUP} warm-up), cross-origin isolated: ${isolated}`)
    const engine = await roundTrips(page, 'engine')
    const exec = await roundTrips(page, 'exec')
    rows.push(
      { measure: 'round trip, EngineClient.exec GET: p50', value: ms(engine.p50), target: `< ${TARGETS.p50} ms`, met: engine.p50 < TARGETS.p50 },
      { measure: 'round trip, EngineClient.exec GET: p99', value: ms(engine.p99), target: `< ${TARGETS.p99} ms`, met: engine.p99 < TARGETS.p99 },
      { measure: 'round trip, EngineClient.exec GET: mean', value: ms(engine.mean), target: '', met: undefined },
      { measure: 'round trip, playground.exec("GET rt"): p50', value: ms(exec.p50), target: `< ${TARGETS.p50} ms`, met: exec.p50 < TARGETS.p50 },
      { measure: 'round trip, playground.exec("GET rt"): p99', value: ms(exec.p99), target: `< ${TARGETS.p99} ms`, met: exec.p99 < TARGETS.p99 },
    )
    await page.context().close()

    log(`pasting ${PASTED_LINES.toLocaleString('en-US')} commands`)
    page = await open(browser, server.url)
    const pasted = await paste(page)
    if (pasted.check !== `"${PASTED_LINES - 2}"`) log(`unexpected: GET paste:${PASTED_LINES - 2} gave ${pasted.check}`)
    rows.push(
      { measure: `${PASTED_LINES.toLocaleString('en-US')} pasted commands, paste to last output shown`, value: ms(pasted.ms, 0), target: '', met: undefined },
      { measure: '  per command', value: ms(pasted.ms / PASTED_LINES), target: '', met: undefined },
      { measure: '  longest main-thread task meanwhile', value: taskText(pasted.longest), target: `<= ${TARGETS.longTask} ms`, met: pasted.longest <= TARGETS.longTask },
    )
    await page.context().close()

    log(`restoring ${RESTORE_KEYS.toLocaleString('en-US')} keys after a reload (${RESTORE_RUNS} reloads)`)
    page = await open(browser, server.url)
    const empty = await emptyStart(page)
    const restored = await restore(page)
    if (restored.dbsize !== `(integer) ${RESTORE_KEYS}`) log(`unexpected: DBSIZE after the reload gave ${restored.dbsize}`)
    const median = [...restored.runs].sort((a, b) => a - b)[Math.floor(restored.runs.length / 2)]
    rows.push(
      { measure: 'empty workspace: navigation to first reply', value: ms(empty, 0), target: '', met: undefined },
      {
        measure: `${RESTORE_KEYS.toLocaleString('en-US')} keys: navigation to data usable (median)`,
        value: `${ms(median, 0)} (runs: ${restored.runs.map((run) => run.toFixed(0)).join(', ')})`,
        target: `< ${TARGETS.restore} ms`,
        met: median < TARGETS.restore,
      },
      { measure: '  of which until playground.ready', value: restored.ready.map((run) => ms(run, 0)).join(', '), target: '', met: undefined },
    )
    await page.context().close()

    log(`ZADD loop of ${ZADD_MEMBERS.toLocaleString('en-US')} members in batches of ${ZADD_BATCH}`)
    page = await open(browser, server.url)
    const zadd = await zaddLoop(page)
    if (zadd.card !== `(integer) ${ZADD_MEMBERS}`) log(`unexpected: ZCARD gave ${zadd.card}`)
    rows.push(
      { measure: `ZADD loop, ${ZADD_MEMBERS.toLocaleString('en-US')} members: worker time`, value: ms(zadd.ms, 0), target: '', met: undefined },
      { measure: '  longest main-thread task meanwhile', value: `${taskText(zadd.longest)} (${zadd.tasks} over 50 ms)`, target: `<= ${TARGETS.longTask} ms`, met: zadd.longest <= TARGETS.longTask },
      { measure: '  longest gap between frames', value: ms(zadd.frameGap, 0), target: '', met: undefined },
    )
    await page.context().close()

    console.log(`# Browser benchmark (${new Date().toISOString().slice(0, 10)})`)
    console.log(
      `Chromium ${browser.version()} headless, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ` +
        `load average at start ${load.toFixed(2)}, cross-origin isolated: ${isolated}`,
    )
    console.log()
    console.log(table(['measure', 'value', 'target', 'met'], rows.map((row) => [row.measure, row.value, row.target, row.met === undefined ? '' : row.met ? 'yes' : 'NO'])))
  } finally {
    await browser.close()
    await server.close()
  }
}

/** Long tasks are only reported over 50 ms. */
function taskText(longest: number): string {
  return longest === 0 ? 'none over 50 ms' : ms(longest, 0)
}

await main()
