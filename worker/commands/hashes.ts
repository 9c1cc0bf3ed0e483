import type { Handler } from '../engine.ts'

export const hashHandlers: Record<string, Handler> = {}
