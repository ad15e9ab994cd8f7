/** Rounds' own version and the Mastodon API level it implements (clients gate features on it). */
export const ROUNDS_VERSION = '0.1.0';
export const MASTODON_COMPAT_VERSION = `4.3.0 (compatible; Rounds ${ROUNDS_VERSION})`;
