import type { Handler } from '../engine.ts'

export const serverHandlers: Record<string, Handler> = {}
