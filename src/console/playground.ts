// window.playground: the console from DevTools, tests and benchmarks.
//   await playground.exec('SET a 1')   // 'OK', the text redis-cli prints, run on the active client tab
import type { EngineClient } from '../lib/engine-client.ts'
import type { ConsoleSession } from './session.svelte.ts'

export interface Playground {
  /** Runs a line (several lines run in turn, their texts joined) on the active client; the whole text, never paged. */
  exec(line: string): Promise<string>
  /** The typed client of the engine's worker, for what exec does not cover. */
  readonly engine: EngineClient
  /** Resolves once the engine has loaded the workspace and the first client is connected. */
  readonly ready: Promise<void>
}

declare global {
  interface Window {
    playground: Playground
  }
}

export function installPlayground(session: ConsoleSession, ready: Promise<void>): Playground {
  const playground: Playground = {
    exec: (line) => session.exec(line),
    engine: session.engine,
    ready,
  }
  window.playground = playground
  return playground
}
