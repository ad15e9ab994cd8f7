/** Server-wide poll limits; also advertised in /api/v2/instance `configuration.polls`. */
export const POLL_LIMITS = {
  maxOptions: 4,
  maxCharactersPerOption: 50,
  minExpiration: 300,
  maxExpiration: 2629746,
} as const;
