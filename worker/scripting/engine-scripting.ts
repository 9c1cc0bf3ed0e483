// Each engine's scripting: one Lua interpreter (created with the first script), the EVAL script
// cache, the function libraries, and the client scripts run their commands on (SELECT inside a
// script stays inside; blocking commands answer at once, as in MULTI).
import { Client, type Engine } from '../engine.ts'
import { LuaVm } from './vm.ts'
import { Libraries } from './libraries.ts'

export interface CachedScript {
  ref: number
  /** Undefined for a script without a "#!lua" line (shebang.ts). */
  flags?: Set<string>
}

export interface Scripting {
  vm: LuaVm
  /** Compiled EVAL scripts by SHA1: registry references in the interpreter, and the flags of their "#!lua" line. */
  scripts: Map<string, CachedScript>
  libraries: Libraries
  client: Client
}

const scripting = new WeakMap<Engine, Scripting>()

export function scriptingOf(engine: Engine): Scripting {
  let found = scripting.get(engine)
  if (found === undefined) {
    const vm = new LuaVm()
    const client = new Client(0, engine.now(), '', '')
    client.denyBlocking = true
    found = { vm, scripts: new Map(), libraries: new Libraries(vm, () => engine.now()), client }
    scripting.set(engine, found)
  }
  return found
}

/** The engine's scripting if a script or function has been used, without starting an interpreter. */
export function scriptingIfStarted(engine: Engine): Scripting | undefined {
  return scripting.get(engine)
}
