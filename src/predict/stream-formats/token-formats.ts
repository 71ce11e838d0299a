/**
 * How an LLM container streams its tokens: the framing of its stream and where the text is in each value.
 * Pass one to `tokens()` for a container the built-in {@link TokenFormatName}s do not cover.
 *
 * @example
 * ```ts
 * // A container that sends {"delta": "…"} per JSON line:
 * const deltas: TokenFormat = { framing: 'jsonlines', token: (v) => (v as { delta?: string }).delta };
 * ```
 */
export interface TokenFormat {
  /** `sse`: one JSON value per server-sent event's data; `jsonlines`: one JSON value per line. */
  readonly framing: 'sse' | 'jsonlines';
  /** The text a value carries, or undefined for a value that carries none (skipped). */
  token(value: unknown): string | undefined;
  /** The failure a value reports in place of a token (the stream then breaks off with it), or undefined. */
  error?(value: unknown): string | undefined;
}

/**
 * The built-in formats:
 * - `tgi`: Hugging Face TGI (and the SageMaker Hugging Face LLM container) `/generate_stream`: server-sent events
 *   of `{"token": {"text", "special", …}, "generated_text": …}`. Special tokens (`</s>`) are skipped.
 * - `lmi`: SageMaker LMI (DJL Serving) JSON lines of `{"token": {"text", …}}`, or of `{"outputs": ["…"]}` from
 *   its older engines.
 * - `openai`: OpenAI-style `/v1/completions` and `/v1/chat/completions` (vLLM, TGI's Messages API, LMI's chat
 *   API): server-sent events of `{"choices": [{"delta": {"content"}}]}` or `{"choices": [{"text"}]}`.
 *
 * Both `tgi` and `lmi` read a value without a token but with a `generated_text` (or a one-element array of one,
 * as the Hugging Face inference toolkit answers) as the whole answer at once, and `{"error": "…"}` as a failure.
 *
 * @example
 * ```ts
 * const format: TokenFormatName = 'openai'; // vLLM's /v1/chat/completions
 * for await (const token of tokens(llm.predictStream(request), format)) process.stdout.write(token);
 * ```
 */
export type TokenFormatName = 'tgi' | 'lmi' | 'openai';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A token in the TGI/LMI shapes; shared because LMI adopted TGI's `token` object. */
function generatedToken(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? generatedToken(value[0]) : undefined;
  if (!isObject(value)) return undefined;
  const { token, outputs } = value;
  if (isObject(token)) return token.special === true ? undefined : asString(token.text);
  if (Array.isArray(outputs)) return outputs.filter((o) => typeof o === 'string').join('');
  return asString(value.generated_text);
}

/** TGI and LMI send `{"error": "…"}`; OpenAI-style servers `{"error": {"message"}}` or `{"object": "error"}`. */
function reportedError(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const { error } = value;
  if (typeof error === 'string') return error;
  if (isObject(error)) return asString(error.message) ?? JSON.stringify(error);
  return value.object === 'error' ? (asString(value.message) ?? 'error') : undefined;
}

function openAiToken(value: unknown): string | undefined {
  const choice = isObject(value) && Array.isArray(value.choices) ? value.choices[0] : undefined;
  if (!isObject(choice)) return undefined;
  return isObject(choice.delta) ? asString(choice.delta.content) : asString(choice.text);
}

/** The built-in {@link TokenFormat}s by name. */
export const TOKEN_FORMATS: Readonly<Record<TokenFormatName, TokenFormat>> = {
  tgi: { framing: 'sse', token: generatedToken, error: reportedError },
  lmi: { framing: 'jsonlines', token: generatedToken, error: reportedError },
  openai: { framing: 'sse', token: openAiToken, error: reportedError },
};
