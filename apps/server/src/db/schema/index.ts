export * from './accounts.ts';
export * from './media.ts';
export * from './notifications.ts';
export * from './oauth.ts';
export * from './phi.ts';
export * from './social.ts';
export * from './statuses.ts';
