// FUNCTION DUMP's payload, in a format of our own: a tag with its version, the libraries' code as
// JSON, and a checksum, so that FUNCTION RESTORE refuses anything else as Redis does.
import { sha1hex } from './sha1.ts'

const TAG = 'redis-playground-functions/1\n'
const CHECKSUM_LENGTH = 16

export function dumpPayload(codes: string[]): string {
  const body = TAG + JSON.stringify(codes)
  return body + sha1hex(body).slice(0, CHECKSUM_LENGTH)
}

/** The libraries' code, or undefined when the payload is not one of ours or was changed. */
export function readPayload(payload: string): string[] | undefined {
  if (!payload.startsWith(TAG) || payload.length < TAG.length + CHECKSUM_LENGTH) return undefined
  const body = payload.slice(0, -CHECKSUM_LENGTH)
  if (sha1hex(body).slice(0, CHECKSUM_LENGTH) !== payload.slice(-CHECKSUM_LENGTH)) return undefined
  try {
    const codes: unknown = JSON.parse(body.slice(TAG.length))
    return Array.isArray(codes) && codes.every((code) => typeof code === 'string') ? codes : undefined
  } catch {
    return undefined
  }
}
