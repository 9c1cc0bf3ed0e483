// Byte strings: the engine keeps every Redis string as a JS string with one char per byte
// (0..255). These convert at the edges: typed text is UTF-8, the wire is raw bytes.

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: false })

/** UTF-8 text (what a person types) to a byte string. */
export function fromText(text: string): string {
  // Fast path: ASCII is already one byte per char.
  if (/^[\x00-\x7f]*$/.test(text)) return text
  return fromBytes(encoder.encode(text))
}

/** A byte string to text, decoding UTF-8 (invalid sequences become U+FFFD). */
export function toText(bytes: string): string {
  if (/^[\x00-\x7f]*$/.test(bytes)) return bytes
  return decoder.decode(toBytes(bytes))
}

export function fromBytes(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[])
  }
  return out
}

export function toBytes(bytes: string): Uint8Array {
  const out = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i)
  return out
}
