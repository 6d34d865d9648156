// `asyncio.async(...)` was renamed `asyncio.ensure_future(...)` in 3.4.4 and
// has been a syntax error since `async` became a keyword (3.7), so such a
// file does not even parse. Respelling it first lets the rest of the
// conversion run; the call means the same under either name.

const ASYNCIO_ASYNC = /\basyncio(\s*\.\s*)async(\s*\()/g;

/** The text with every `asyncio.async(` respelled, or undefined when it has none. */
export function respellAsyncioAsync(text: string): string | undefined {
  ASYNCIO_ASYNC.lastIndex = 0;
  if (!ASYNCIO_ASYNC.test(text)) return undefined;
  return text.replace(ASYNCIO_ASYNC, 'asyncio$1ensure_future$2');
}
