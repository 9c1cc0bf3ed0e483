// Redis 7 function libraries: FUNCTION LOAD's metadata line ("#!lua name=<lib>"), running a
// library's code so it registers its functions, and the set of loaded libraries with Redis's
// rules (library names are case-sensitive, function names are not and are unique across libraries).
import { ReplyError, fail } from '../errors.ts'
import { splitArgs } from '../split-args.ts'
import type { LuaVm } from './vm.ts'
import type { ScriptFlag } from './register-function.ts'

/** FUNCTION LOAD gives a library's code this long to register its functions (Redis's LOAD_TIMEOUT_MS). */
const LOAD_TIMEOUT_MS = 500

const NAME = /^[A-Za-z0-9_]+$/
const BAD_NAME = 'Library names can only contain letters, numbers, or underscores(_) and must be at least one character long'

export interface LibraryFunction {
  name: string
  /** The callback, as a registry reference in the interpreter. */
  ref: number
  description: string | undefined
  flags: Set<ScriptFlag>
  library: Library
}

export interface Library {
  name: string
  /** The whole text FUNCTION LOAD was given. */
  code: string
  /** By lower-case name. */
  functions: Map<string, LibraryFunction>
}

/** The loaded libraries and their functions. */
export class LibrarySet {
  readonly libraries = new Map<string, Library>()
  /** Every library's functions, by lower-case name. */
  readonly functions = new Map<string, LibraryFunction>()

  link(library: Library): void {
    this.libraries.set(library.name, library)
    for (const [key, fn] of library.functions) this.functions.set(key, fn)
  }

  unlink(library: Library): void {
    this.libraries.delete(library.name)
    for (const key of library.functions.keys()) this.functions.delete(key)
  }

  /** A function of `library` whose name another library of this set has, if any. */
  clash(library: Library): LibraryFunction | undefined {
    for (const [key, fn] of library.functions) if (this.functions.has(key)) return fn
    return undefined
  }
}

/** What the metadata line says: the library's name and the code after that line. */
function parseMetadata(code: string): { name: string; body: string } {
  if (!code.startsWith('#!')) fail('ERR Missing library metadata')
  const end = code.indexOf('\n')
  const parts = end < 0 ? undefined : splitArgs(code.slice(0, end))
  if (parts === undefined || parts.length === 0) fail('ERR Invalid library metadata')
  let name: string | undefined
  for (const part of parts.slice(1)) {
    if (part.slice(0, 5).toLowerCase() !== 'name=') fail(`ERR Invalid metadata value given: ${part}`)
    if (name !== undefined) fail('ERR Invalid metadata value, name argument was given multiple times')
    name = part.slice(5)
  }
  if (name === undefined) fail('ERR Library name was not given')
  if (!NAME.test(name)) fail(`ERR ${BAD_NAME}`)
  const engine = parts[0].slice(2)
  if (engine.toLowerCase() !== 'lua') fail(`ERR Engine '${engine}' not found`)
  // The code keeps the metadata line's newline, so its line numbers are the library's.
  return { name, body: code.slice(end) }
}

export class Libraries {
  current = new LibrarySet()

  constructor(
    private readonly vm: LuaVm,
    private readonly clock: () => number,
  ) {}

  /** FUNCTION LOAD [REPLACE]: the library's name, or Redis's error. */
  load(code: string, replace: boolean): string {
    const { name, body } = parseMetadata(code)
    const old = this.current.libraries.get(name)
    if (old !== undefined && !replace) fail(`ERR Library '${name}' already exists`)
    const library = this.create(name, code, body)
    if (old !== undefined) this.current.unlink(old)
    const clash = this.current.clash(library)
    if (clash !== undefined) {
      if (old !== undefined) this.current.link(old)
      this.release(library)
      fail(`ERR Function ${clash.name} already exists`)
    }
    this.current.link(library)
    if (old !== undefined) this.release(old)
    return name
  }

  delete(name: string): void {
    const library = this.current.libraries.get(name)
    if (library === undefined) fail('ERR Library not found')
    this.current.unlink(library)
    this.release(library)
  }

  flush(): void {
    for (const library of this.current.libraries.values()) this.release(library)
    this.current = new LibrarySet()
  }

  /** FUNCTION RESTORE: loads every library's code, then adds them as the policy says. */
  restore(codes: string[], policy: 'flush' | 'append' | 'replace'): void {
    const restored = new LibrarySet()
    try {
      for (const code of codes) {
        const { name, body } = parseMetadata(code)
        if (restored.libraries.has(name)) fail(`ERR Library '${name}' already exists`)
        const library = this.create(name, code, body)
        const clash = restored.clash(library)
        restored.link(library)
        if (clash !== undefined) fail(`ERR Function ${clash.name} already exists`)
      }
    } catch (thrown) {
      for (const library of restored.libraries.values()) this.release(library)
      throw thrown
    }
    if (policy === 'flush') {
      this.flush()
      this.current = restored
      return
    }
    this.join(restored, policy === 'replace')
  }

  /** Redis's libraryJoin: all of `restored` goes in, or nothing does. */
  private join(restored: LibrarySet, replace: boolean): void {
    const replaced: Library[] = []
    const undo = (problem: string): never => {
      for (const old of replaced) this.current.link(old)
      for (const library of restored.libraries.values()) this.release(library)
      fail(problem)
    }
    for (const library of restored.libraries.values()) {
      const old = this.current.libraries.get(library.name)
      if (old === undefined) continue
      if (!replace) undo(`ERR Library ${library.name} already exists`)
      this.current.unlink(old)
      replaced.push(old)
    }
    for (const library of restored.libraries.values()) {
      const clash = this.current.clash(library)
      if (clash !== undefined) undo(`ERR Function ${clash.name} already exists`)
    }
    for (const library of restored.libraries.values()) this.current.link(library)
    for (const old of replaced) this.release(old)
  }

  /** Compiles a library and runs its code, collecting the functions it registers. */
  private create(name: string, code: string, body: string): Library {
    const ref = this.vm.compile(body, '@user_function', 'library')
    if (typeof ref === 'string') fail(`ERR Error compiling function: ${ref}`.replace(/[\r\n]/g, ' '))
    const library: Library = { name, code, functions: new Map() }
    this.vm.registrar = (registration) => {
      if (!NAME.test(registration.name)) return BAD_NAME
      const key = registration.name.toLowerCase()
      if (library.functions.has(key)) return 'Function already exists in the library'
      const { name: fnName, callback, description, flags } = registration
      library.functions.set(key, { name: fnName, ref: callback, description, flags, library })
      return undefined
    }
    try {
      const run = this.vm.startLibrary(ref)
      const started = this.clock()
      const outcome = run.resume(() => {
        if (this.clock() - started > LOAD_TIMEOUT_MS) run.interrupt({ text: 'FUNCTION LOAD timeout' })
        return false
      })
      if (outcome !== undefined && 'failure' in outcome) {
        throw new ReplyError(`ERR Error registering functions: ${outcome.failure.message}`.replace(/[\r\n]/g, ' '))
      }
    } catch (thrown) {
      this.release(library)
      throw thrown
    } finally {
      this.vm.registrar = undefined
      this.vm.release(ref)
    }
    if (library.functions.size === 0) fail('ERR No functions registered')
    return library
  }

  private release(library: Library): void {
    for (const fn of library.functions.values()) this.vm.release(fn.ref)
  }
}
