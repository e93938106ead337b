const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when `url` is a plain-http URL on the local machine
 * (`127.0.0.1`, `localhost` or `[::1]`).
 *
 * @public
 */
export function isLoopbackHttpUrl(url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'http:' &&
    LOOPBACK_HOSTS.has(parsed.hostname.toLowerCase())
  );
}
