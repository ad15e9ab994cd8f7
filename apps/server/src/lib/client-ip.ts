import type { Context } from 'hono';

function normalize(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/**
 * The address a request came from. X-Forwarded-For is believed only when the direct peer is a
 * configured trusted proxy; then the right-most address that is not itself a trusted proxy wins.
 */
export function clientIp(c: Context, trustedProxies: readonly string[]): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = normalize(env?.incoming?.socket?.remoteAddress ?? 'unknown');
  if (!trustedProxies.includes(peer)) return peer;
  const chain = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => normalize(s.trim()))
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(chain[i]!)) return chain[i]!;
  }
  return peer;
}
