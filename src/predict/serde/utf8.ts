// One encoder and one strict decoder for every codec: creating them per call costs more than the work itself.
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** @internal */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** @internal Throws a `TypeError` on invalid UTF-8 rather than inventing replacement characters. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
