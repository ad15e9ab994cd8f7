export * from './evidence.ts';
export * from './learning.ts';
export * from './notifications.ts';
export * from './params.ts';
export * from './phi.ts';
export * from './polls.ts';
export * from './statuses.ts';
