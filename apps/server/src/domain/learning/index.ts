export { type LearningObjectRef, linkStatuses, unlinkObject } from './links.ts';
export * from './portfolio.ts';
export { addRecordEntry, type NewRecordEntry } from './record.ts';
