// A fresh nonce for a webview's Content-Security-Policy: the only scripts that run are those carrying it.
export function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
