export * from './notifications.ts';
export * from './params.ts';
export * from './statuses.ts';
export * from './phi.ts';
